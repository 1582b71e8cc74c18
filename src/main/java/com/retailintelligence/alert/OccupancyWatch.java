package com.retailintelligence.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.ingest.AcceptedEvents;
import com.retailintelligence.ingest.StoreDayGroups;
import com.retailintelligence.traffic.RunningTotals;
import com.retailintelligence.traffic.TrafficReading;

/**
 * The event-driven rule: on the replica that ingested a traffic batch, looks at the occupancy right after each of its
 * events (today's only) and fires an occupancy rule on the event that crosses its level, or resolves it once the last
 * event leaves occupancy below the lower level. Also notes when each sensor last reported (sensor-silent).
 */
@ApplicationScoped
public class OccupancyWatch {

    private final RuleBook rules;
    private final AlertEngine engine;
    private final SensorSightings sightings;

    public OccupancyWatch(RuleBook rules, AlertEngine engine, SensorSightings sightings) {
        this.rules = rules;
        this.engine = engine;
        this.sightings = sightings;
    }

    @SuppressWarnings("unchecked")
    void onAccepted(@Observes AcceptedEvents accepted) {
        if (!"traffic".equals(accepted.type())) {
            return;
        }
        List<TrafficReading> readings = (List<TrafficReading>) accepted.events();
        sightings.saw(readings);
        if (accepted.stores().keySet().stream().allMatch(storeId -> rules.of(storeId).isEmpty())) {
            return; // the common case on the ingest path: no rule for these stores, nothing more to do
        }
        Instant now = Instant.now();
        for (StoreDayGroups.Group<TrafficReading> group : StoreDayGroups.of(readings, accepted.stores())) {
            List<ActiveRule> storeRules = rules.of(group.storeId());
            if (storeRules.isEmpty()) {
                continue;
            }
            LocalDate today = now.atZone(accepted.stores().get(group.storeId()).zone()).toLocalDate();
            if (!group.day().equals(today)) {
                continue; // a late event (or history) carries another day's totals
            }
            RunningTotals running = RunningTotals.countBack(group.events(),
                    accepted.totals().get(group.storeId(), group.day(), Metrics.VISITORS),
                    accepted.totals().get(group.storeId(), group.day(), Metrics.EXITS));
            for (ActiveRule rule : storeRules) {
                if (rule.type() == RuleType.OCCUPANCY && rule.capacity() != null) {
                    check(rule, group.events(), running, now);
                }
            }
        }
    }

    private void check(ActiveRule rule, List<TrafficReading> events, RunningTotals running, Instant now) {
        double fireAt = rule.rule().percent() / 100.0 * rule.capacity();
        double resolveBelow = rule.rule().resolvePercent() / 100.0 * rule.capacity();
        for (int i = 0; i < events.size(); i++) {
            long occupancy = running.occupancyAfter(i);
            if (occupancy >= fireAt) {
                if (engine.mayFire(rule, now)) {
                    TrafficReading event = events.get(i);
                    engine.fire(rule, firedText(rule, occupancy), values(rule, occupancy, event), now).subscribe().with(n -> {
                    });
                }
                return;
            }
        }
        long last = running.occupancyAfter(events.size() - 1);
        if (last < resolveBelow && engine.mayResolve(rule, now)) {
            engine.resolve(rule, resolvedText(rule, last), values(rule, last, events.get(events.size() - 1)), now)
                    .subscribe().with(n -> {
                    });
        }
    }

    /** The resolution's text (also the scheduled check's, for a store whose events stopped below the lower level). */
    static String resolvedText(ActiveRule rule, long occupancy) {
        return "Occupancy at " + rule.storeName() + " is back to " + occupancy + " of " + rule.capacity() + ", below "
                + AlertTexts.number(rule.rule().resolvePercent()) + " %.";
    }

    static String firedText(ActiveRule rule, long occupancy) {
        return "Occupancy at " + rule.storeName() + " is " + occupancy + " of " + rule.capacity() + " ("
                + AlertTexts.number(100.0 * occupancy / rule.capacity()) + " %), at or above the "
                + AlertTexts.number(rule.rule().percent()) + " % limit.";
    }

    static Map<String, Object> values(ActiveRule rule, long occupancy, TrafficReading event) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("occupancy", occupancy);
        values.put("capacity", rule.capacity());
        values.put("occupancyPercent", AlertTexts.round(100.0 * occupancy / rule.capacity()));
        values.put("percent", rule.rule().percent());
        values.put("resolvePercent", rule.rule().resolvePercent());
        if (event != null) {
            values.put("eventId", event.id());
            values.put("sensorId", event.sensorId());
            values.put("timestamp", event.timestamp().toString());
        }
        return values;
    }
}

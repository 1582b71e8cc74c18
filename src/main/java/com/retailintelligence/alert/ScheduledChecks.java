package com.retailintelligence.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.aggregate.RollupRepository;
import com.retailintelligence.aggregate.RollupRow;
import com.retailintelligence.analytics.StoreSettings;
import com.retailintelligence.analytics.StoreSettingsRepository;
import com.retailintelligence.problem.TransientFailures;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The time-driven rules, checked every interval by one replica (the first to claim the interval in Redis; if Redis is
 * away, every replica checks, and AlertGuard still fires each alert once): sensor-silent, pos-silent, conversion-drop,
 * traffic-anomaly (each window judged once, PostgreSQL deciding which replica judges it), and the resolution of
 * occupancy alerts whose store has gone quiet.
 */
@ApplicationScoped
public class ScheduledChecks {

    private static final Duration SENSOR_MEMORY = Duration.ofDays(7);

    private final RuleBook rules;
    private final AlertEngine engine;
    private final WindowReads reads;
    private final StoreSettingsRepository settings;
    private final SensorSightings sightings;
    private final RollupRepository rollups;
    private final ReactiveValueCommands<String, String> values;
    private final RedisKeys keys;
    private final AlertConfig config;

    public ScheduledChecks(RuleBook rules, AlertEngine engine, WindowReads reads, StoreSettingsRepository settings,
            SensorSightings sightings, RollupRepository rollups, ReactiveRedisDataSource redis, RedisKeys keys, AlertConfig config) {
        this.rules = rules;
        this.engine = engine;
        this.reads = reads;
        this.settings = settings;
        this.sightings = sightings;
        this.rollups = rollups;
        this.values = redis.value(String.class);
        this.keys = keys;
        this.config = config;
    }

    @Scheduled(every = "${retail.alerts.check-interval:30s}", delayed = "${retail.alerts.check-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        Instant now = Instant.now();
        if (rules.all().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return claim(now).chain(claimed -> claimed ? checkAll(now) : Uni.createFrom().voidItem())
                .onFailure().recoverWithItem(failure -> {
                    TransientFailures.reportOrError(failure, "The scheduled alert checks");
                    return null;
                });
    }

    /** True for the one replica that claims this interval; every replica when Redis cannot say. */
    private Uni<Boolean> claim(Instant now) {
        long seconds = Math.max(1, config.checkInterval().toSeconds());
        long interval = now.getEpochSecond() / seconds;
        return values.setGet(keys.alertCheckClaim(interval), "1", new SetArgs().nx().px(seconds * 2000))
                .map(previous -> previous == null)
                .onFailure().recoverWithItem(true);
    }

    /** Checks every time-driven rule as of {@code now}, store after store (tests call this with the instant they script). */
    public Uni<Void> checkAll(Instant now) {
        List<Map.Entry<String, List<ActiveRule>>> stores = new ArrayList<>(rules.all().entrySet());
        return sightings.flush().onFailure().recoverWithNull()
                .chain(() -> Multi.createFrom().iterable(stores)
                        .onItem().transformToUniAndConcatenate(entry -> checkStore(entry.getKey(), entry.getValue(), now))
                        .collect().last().replaceWithVoid());
    }

    private Uni<Void> checkStore(String storeId, List<ActiveRule> storeRules, Instant now) {
        // Opening hours matter to the silences and the traffic windows only: not read for a store with none of those.
        boolean needsHours = storeRules.stream().anyMatch(rule -> rule.type() == RuleType.SENSOR_SILENT
                || rule.type() == RuleType.POS_SILENT || rule.type() == RuleType.TRAFFIC_ANOMALY);
        Uni<StoreSettings> hours = needsHours ? settings.read(StoreScope.ALL, storeId) : Uni.createFrom().item(StoreSettings.NONE);
        return hours.chain(storeSettings -> Multi.createFrom().iterable(storeRules)
                .onItem().transformToUniAndConcatenate(rule -> check(rule, storeSettings, now)
                        .onFailure().recoverWithItem(failure -> {
                            if (AlertEngine.ruleOrStoreGone(failure)) {
                                io.quarkus.logging.Log.debugf("Alert rule %d went away while it was checked", rule.id());
                            } else {
                                TransientFailures.reportOrError(failure, "Checking alert rule " + rule.id());
                            }
                            return null;
                        }))
                .collect().last().replaceWithVoid());
    }

    private Uni<Void> check(ActiveRule rule, StoreSettings storeSettings, Instant now) {
        return switch (rule.type()) {
            case OCCUPANCY -> occupancy(rule, now);
            case SENSOR_SILENT -> sensorSilent(rule, storeSettings, now);
            case POS_SILENT -> posSilent(rule, storeSettings, now);
            case CONVERSION_DROP -> conversion(rule, now);
            case TRAFFIC_ANOMALY -> anomaly(rule, storeSettings, now);
        };
    }

    /** Occupancy fires on events only; here it resolves when the store's events stopped below the lower level. */
    private Uni<Void> occupancy(ActiveRule rule, Instant now) {
        if (!engine.mayResolve(rule, now)) {
            return Uni.createFrom().voidItem();
        }
        if (rule.capacity() == null) {
            return engine.resolve(rule, "The capacity of " + rule.storeName() + " is no longer set: the occupancy alert is closed.",
                    Map.of(), now).replaceWithVoid();
        }
        LocalDate today = now.atZone(rule.zone()).toLocalDate();
        return rollups.dayTotals(StoreScope.ALL, List.of(rule.storeId()), today, today).chain(rows -> {
            long visitors = rows.stream().filter(row -> row.metric().equals(Metrics.VISITORS)).mapToLong(RollupRow::value).sum();
            long exits = rows.stream().filter(row -> row.metric().equals(Metrics.EXITS)).mapToLong(RollupRow::value).sum();
            long occupancy = Math.max(0, visitors - exits);
            if (occupancy >= rule.rule().resolvePercent() / 100.0 * rule.capacity()) {
                return Uni.createFrom().voidItem();
            }
            return engine.resolve(rule, OccupancyWatch.resolvedText(rule, occupancy), OccupancyWatch.values(rule, occupancy, null), now)
                    .replaceWithVoid();
        });
    }

    private Uni<Void> sensorSilent(ActiveRule rule, StoreSettings storeSettings, Instant now) {
        Instant opened = OpenHours.openedAt(storeSettings, rule.zone(), now);
        if (opened == null) {
            return Uni.createFrom().voidItem(); // closed: silence is expected, and an open alert waits for the sensor
        }
        Duration limit = Duration.ofMinutes(rule.rule().minutes());
        return reads.sensorsSeenSince(rule.storeId(), now.minus(SENSOR_MEMORY)).chain(seen -> {
            // Firing counts silence from today's opening (a night without readings is no fault); resolving needs each
            // sensor to have really reported within the limit (the opening does not make a dead sensor fresh).
            List<Map<String, Object>> silent = new ArrayList<>();
            boolean anyStillSilent = false;
            for (Map.Entry<String, Instant> sensor : seen.entrySet()) {
                Instant last = sensor.getValue();
                Instant silentSince = last.isAfter(opened) ? last : opened;
                if (!silentSince.plus(limit).isAfter(now)) {
                    silent.add(Map.of("sensorId", sensor.getKey(), "lastSeen", last.toString()));
                }
                anyStillSilent |= !last.plus(limit).isAfter(now);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("minutes", rule.rule().minutes());
            values.put("silentSensors", silent);
            values.put("sensorsSeen", seen.size());
            if (!silent.isEmpty()) {
                String names = String.join(", ", silent.stream().map(s -> (String) s.get("sensorId")).toList());
                return engine.fire(rule, "No traffic from " + (silent.size() == 1 ? "sensor " : "sensors ") + names + " at "
                        + rule.storeName() + " for " + rule.rule().minutes() + " minutes or more while open.", values, now).replaceWithVoid();
            }
            if (anyStillSilent) {
                return Uni.createFrom().voidItem(); // just opened: not yet silent long enough to fire, not back either
            }
            return engine.resolve(rule, "Every sensor at " + rule.storeName() + " reports again.", values, now).replaceWithVoid();
        });
    }

    private Uni<Void> posSilent(ActiveRule rule, StoreSettings storeSettings, Instant now) {
        Instant opened = OpenHours.openedAt(storeSettings, rule.zone(), now);
        Duration window = Duration.ofMinutes(rule.rule().minutes());
        if (opened == null) {
            return Uni.createFrom().voidItem();
        }
        return reads.sums(rule.storeId(), List.of(Metrics.VISITORS, Metrics.TRANSACTIONS), now.minus(window), now).chain(sums -> {
            long visitors = sums.get(Metrics.VISITORS);
            long sales = sums.get(Metrics.TRANSACTIONS);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("minutes", rule.rule().minutes());
            values.put("visitors", visitors);
            values.put("transactions", sales);
            values.put("minVisitors", rule.rule().minVisitors());
            if (sales > 0) {
                return engine.resolve(rule, "Sales at " + rule.storeName() + " are coming in again.", values, now).replaceWithVoid();
            }
            if (visitors >= rule.rule().minVisitors() && !opened.plus(window).isAfter(now)) {
                return engine.fire(rule, visitors + " visitors at " + rule.storeName() + " in the last " + rule.rule().minutes()
                        + " minutes but no sale: the till or its feed may be down.", values, now).replaceWithVoid();
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> conversion(ActiveRule rule, Instant now) {
        return reads.sums(rule.storeId(), List.of(Metrics.VISITORS, Metrics.TRANSACTIONS), now.minus(Duration.ofHours(1)), now)
                .chain(sums -> {
                    long visitors = sums.get(Metrics.VISITORS);
                    long sales = sums.get(Metrics.TRANSACTIONS);
                    double percent = visitors == 0 ? 0 : 100.0 * sales / visitors;
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("visitors", visitors);
                    values.put("transactions", sales);
                    values.put("conversionPercent", AlertTexts.round(percent));
                    values.put("percent", rule.rule().percent());
                    values.put("minVisitors", rule.rule().minVisitors());
                    if (visitors >= rule.rule().minVisitors() && percent < rule.rule().percent()) {
                        return engine.fire(rule, "Conversion at " + rule.storeName() + " over the last hour is " + AlertTexts.number(percent)
                                + " % (" + sales + " sales, " + visitors + " visitors), below " + AlertTexts.number(rule.rule().percent()) + " %.",
                                values, now).replaceWithVoid();
                    }
                    String back = visitors >= rule.rule().minVisitors() ? "Conversion at " + rule.storeName() + " is back to "
                            + AlertTexts.number(percent) + " % over the last hour."
                            : "Fewer than " + rule.rule().minVisitors() + " visitors at " + rule.storeName() + " over the last hour: "
                                    + "the conversion alert is over.";
                    return engine.resolve(rule, back, values, now).replaceWithVoid();
                });
    }

    /**
     * Judges the latest window that ended at least the grace period ago, once: windows are aligned to the store's local
     * midnight, only windows within opening hours count, and the usual level is the mean of the same window on the same
     * weekday of the earlier weeks that had visitors at all.
     */
    private Uni<Void> anomaly(ActiveRule rule, StoreSettings storeSettings, Instant now) {
        int minutes = rule.rule().windowMinutes();
        ZonedDateTime local = now.minus(config.windowGrace()).atZone(rule.zone());
        int minuteOfDay = local.getHour() * 60 + local.getMinute();
        LocalDateTime endLocal = local.toLocalDate().atStartOfDay().plusMinutes((long) (minuteOfDay / minutes) * minutes);
        LocalDateTime startLocal = endLocal.minusMinutes(minutes);
        Instant start = startLocal.atZone(rule.zone()).toInstant();
        Instant end = endLocal.atZone(rule.zone()).toInstant();
        if (Duration.between(start, end).toMinutes() != minutes) {
            return Uni.createFrom().voidItem(); // a window cut or stretched by a DST change is not comparable
        }
        if (OpenHours.openedAt(storeSettings, rule.zone(), start) == null
                || OpenHours.openedAt(storeSettings, rule.zone(), end.minusSeconds(60)) == null) {
            return Uni.createFrom().voidItem();
        }
        List<Instant> froms = new ArrayList<>();
        List<Instant> tos = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (int week = 0; week <= config.anomalyWeeks(); week++) {
            froms.add(startLocal.minusWeeks(week).atZone(rule.zone()).toInstant());
            tos.add(endLocal.minusWeeks(week).atZone(rule.zone()).toInstant());
            days.add(startLocal.toLocalDate().minusWeeks(week));
        }
        return reads.windows(rule.storeId(), froms, tos, days).chain(windows -> {
            long actual = windows.get(0).visitors();
            List<Long> earlier = windows.subList(1, windows.size()).stream().filter(w -> w.dayVisitors() > 0)
                    .map(WindowReads.WindowVisitors::visitors).toList();
            double usual = earlier.stream().mapToLong(Long::longValue).average().orElse(0);
            if (earlier.isEmpty() || usual < config.anomalyMinimumUsual()) {
                return Uni.createFrom().voidItem(); // no history, or too few visitors to tell
            }
            boolean outside = actual >= usual * rule.rule().factor() || actual <= usual / rule.rule().factor();
            Window window = new Window(startLocal, endLocal, start, end, actual, usual, earlier.size());
            return reads.judgeWindow(rule.id(), rule.storeId(), end, outside, minutes)
                    .chain(streak -> streak == null ? Uni.createFrom().voidItem() // judged already (another replica, an earlier check)
                            : anomalyVerdict(rule, window, outside, streak, now));
        });
    }

    /** A judged traffic window: its local and real bounds, its visitors and the usual level over {@code weeks} weeks. */
    private record Window(LocalDateTime startLocal, LocalDateTime endLocal, Instant start, Instant end, long visitors, double usual,
            int weeks) {

        double ratio() {
            return usual == 0 ? 0 : visitors / usual;
        }
    }

    /** Fires after {@code consecutive} windows out of range in a row; resolves on a window back in range. */
    private Uni<Void> anomalyVerdict(ActiveRule rule, Window window, boolean outside, int streak, Instant now) {
        int minutes = rule.rule().windowMinutes();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("windowMinutes", minutes);
        values.put("windowStart", window.start().toString());
        values.put("windowEnd", window.end().toString());
        values.put("visitors", window.visitors());
        values.put("usual", AlertTexts.round(window.usual()));
        values.put("ratio", AlertTexts.round(window.ratio()));
        values.put("factor", rule.rule().factor());
        values.put("consecutive", rule.rule().consecutive());
        values.put("windowsInARow", streak);
        values.put("weeksCompared", window.weeks());
        String to = " in the " + minutes + " minutes to " + window.endLocal().toLocalTime();
        if (outside && streak >= rule.rule().consecutive()) {
            String weekday = window.startLocal().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            return engine.fire(rule, "Visitors at " + rule.storeName() + to + ": " + window.visitors() + ", "
                    + (window.visitors() >= window.usual() ? "above" : "below") + " the usual " + AlertTexts.number(window.usual())
                    + " for a " + weekday + " (" + AlertTexts.number(window.ratio()) + "×), " + streak + " windows in a row.",
                    values, now).replaceWithVoid();
        }
        if (!outside) {
            return engine.resolve(rule, "Visitors at " + rule.storeName() + " are back to the usual level: " + window.visitors() + to
                    + " against " + AlertTexts.number(window.usual()) + ".", values, now).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}

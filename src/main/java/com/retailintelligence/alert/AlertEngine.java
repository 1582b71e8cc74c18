package com.retailintelligence.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.db.ScopedSql;
import com.retailintelligence.live.LiveBatch;
import com.retailintelligence.live.LiveEventPublisher;
import com.retailintelligence.problem.TransientFailures;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Fires and resolves alerts for the rules' checks: the guard's statement and every durable channel's queue in one
 * transaction, then the live message (WebSocket feeds and display pages on every replica) once it is committed. Quiet
 * hours hold back firing, never resolving; a failed attempt is logged and tried again by the next event or check.
 */
@ApplicationScoped
public class AlertEngine {

    private final ScopedSql sql;
    private final AlertGuard guard;
    private final Instance<AlertChannel> channels;
    private final LiveEventPublisher publisher;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final RuleHints hints = new RuleHints();

    public AlertEngine(ScopedSql sql, AlertGuard guard, Instance<AlertChannel> channels, LiveEventPublisher publisher,
            ObjectMapper mapper, MeterRegistry registry) {
        this.sql = sql;
        this.guard = guard;
        this.channels = channels;
        this.publisher = publisher;
        this.mapper = mapper;
        this.registry = registry;
    }

    /** Whether a fire attempt for the rule could change anything at {@code now} (cheap; no I/O). */
    boolean mayFire(ActiveRule active, Instant now) {
        return !active.rule().quietAt(now.atZone(active.zone()).toLocalTime()) && hints.mayFire(active.id(), now);
    }

    boolean mayResolve(ActiveRule active, Instant now) {
        return hints.mayResolve(active.id(), now);
    }

    /** Fires the rule's alert unless it is open, cooling down or in quiet hours; yields the notice when it fired. */
    Uni<AlertNotice> fire(ActiveRule active, String message, Map<String, Object> values, Instant now) {
        if (!mayFire(active, now) || !hints.begin(active.id(), now)) {
            return Uni.createFrom().nullItem();
        }
        String details = json(values);
        return sql.system(tx -> guard.fire(tx, active.rule(), message, details, now).chain(result -> {
            if (!(result instanceof AlertGuard.Fired fired)) {
                return Uni.createFrom().item(new Attempt(result, null));
            }
            AlertNotice notice = new AlertNotice(fired.alertId(), active.storeId(), active.storeName(), active.id(),
                    active.type().wireName(), active.rule().severity(), message, now, null, values);
            return enqueue(tx, notice).replaceWith(new Attempt(result, notice));
        })).map(attempt -> {
            if (attempt.result() instanceof AlertGuard.Cooling cooling) {
                hints.cooling(active.id(), cooling.until());
            } else {
                hints.open(active.id(), now); // fired here, or already open
            }
            if (attempt.notice() != null) {
                registry.counter("retail.alerts.fired", "rule", active.type().wireName()).increment();
                publish(attempt.notice());
            }
            return attempt.notice();
        }).onFailure().recoverWithItem(failure -> {
            hints.forget(active.id());
            if (ruleOrStoreGone(failure)) {
                io.quarkus.logging.Log.debugf("Alert rule %d went away while firing", active.id());
            } else {
                TransientFailures.reportOrError(failure, "Firing alert rule " + active.id());
            }
            return null;
        });
    }

    /** Resolves the rule's open alert, if it has one; yields the notice when this call resolved it. */
    Uni<AlertNotice> resolve(ActiveRule active, String message, Map<String, Object> values, Instant now) {
        if (!hints.mayResolve(active.id(), now) || !hints.begin(active.id(), now)) {
            return Uni.createFrom().nullItem();
        }
        return resolve(active.rule(), active.storeName(), message, values, now)
                .invoke(notice -> hints.closed(active.id(), now))
                .onFailure().recoverWithItem(failure -> {
                    hints.forget(active.id());
                    TransientFailures.reportOrError(failure, "Resolving alert rule " + active.id());
                    return null;
                });
    }

    /** Resolves a rule's open alert whatever the hints say (the rule was disabled, changed or deleted). */
    Uni<AlertNotice> resolve(Rule rule, String storeName, String message, Map<String, Object> values, Instant now) {
        return sql.system(tx -> guard.resolve(tx, rule.id(), message, now).chain(resolved -> {
            if (resolved == null) {
                return Uni.createFrom().<AlertNotice>nullItem();
            }
            AlertNotice notice = new AlertNotice(resolved.alertId(), rule.storeId(), storeName, rule.id(), rule.type().wireName(),
                    rule.severity(), message, resolved.firedAt(), now, values);
            return enqueue(tx, notice).replaceWith(notice);
        })).invoke(notice -> {
            hints.forget(rule.id());
            if (notice != null) {
                registry.counter("retail.alerts.resolved", "rule", rule.type().wireName()).increment();
                publish(notice);
            }
        });
    }

    /** Delivers notices of alerts resolved elsewhere (by a rule change), after their transaction committed. */
    Uni<Void> announce(List<AlertNotice> notices) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (AlertNotice notice : notices) {
            all = all.chain(() -> sql.system(tx -> enqueue(tx, notice)).invoke(() -> publish(notice)));
        }
        return all;
    }

    /** What a fire attempt's transaction ended with: the guard's answer, and the notice when it fired. */
    private record Attempt(AlertGuard.FireResult result, AlertNotice notice) {
    }

    /** Forgets what this replica knew of a rule (it changed). */
    void forget(long ruleId) {
        hints.forget(ruleId);
    }

    /** A foreign key refused the alert: its rule or store was deleted meanwhile (the rule book has not caught up yet). */
    static boolean ruleOrStoreGone(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && "23503".equals(pg.getSqlState());
    }

    private Uni<Void> enqueue(SqlConnection tx, AlertNotice notice) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (AlertChannel channel : channels) {
            all = all.chain(() -> channel.enqueue(tx, notice));
        }
        return all;
    }

    private void publish(AlertNotice notice) {
        publisher.publish(List.of(LiveBatch.alert(notice.storeId(), AlertJson.live(notice))));
    }

    private String json(Map<String, Object> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write alert values", e);
        }
    }
}

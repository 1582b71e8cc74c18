package com.retailintelligence.alert;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.retailintelligence.db.ScopedSql;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;

/**
 * This replica's copy of every enabled alert rule, by store, for the engine (read on every ingested batch, so it is
 * kept in memory). Reloaded whole at start, when any replica announces a change of rules or stores, and every minute
 * in case an announcement was lost.
 */
@Singleton
public class RuleBook {

    private static final String LOAD = "SELECT r.id, r.store_id, r.type, r.severity, r.cooldown_seconds, r.quiet_from, r.quiet_to, "
            + "r.percent, r.resolve_percent, r.minutes, r.min_visitors, r.window_minutes, r.factor, r.consecutive, "
            + "s.name, s.timezone, s.capacity FROM alert_rules r JOIN stores s ON s.id = r.store_id WHERE r.enabled ORDER BY r.id";

    private final ScopedSql sql;
    private final ReactivePubSubCommands<String> pubsub;
    private final RedisKeys keys;
    private final Vertx vertx;
    private final AtomicBoolean loading = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Map<String, List<ActiveRule>> byStore = Map.of();

    public RuleBook(ScopedSql sql, ReactiveRedisDataSource redis, RedisKeys keys, Vertx vertx) {
        this.sql = sql;
        this.pubsub = redis.pubsub(String.class);
        this.keys = keys;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        subscribe();
        reload();
    }

    /** The enabled rules of a store (empty when none). */
    List<ActiveRule> of(String storeId) {
        return byStore.getOrDefault(storeId, List.of());
    }

    /** Every enabled rule, by store. */
    Map<String, List<ActiveRule>> all() {
        return byStore;
    }

    /** Tells every replica (this one included) that a store's rules changed. */
    Uni<Void> announce(String storeId) {
        return pubsub.publish(keys.alertRulesChannel(), storeId).replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    Log.debugf("Alert rule change not announced (%s); replicas reload within a minute", failure.getMessage());
                    return reloadNow();
                });
    }

    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicReload() {
        return reloadNow().onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Reloads now; a request while a load runs makes one more load after it. */
    Uni<Void> reloadNow() {
        if (!loading.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        return sql.system(tx -> tx.query(LOAD).execute()).map(rows -> {
            Map<String, List<ActiveRule>> next = new HashMap<>();
            for (Row row : rows) {
                ActiveRule rule = read(row);
                if (rule != null) {
                    next.computeIfAbsent(rule.storeId(), id -> new ArrayList<>()).add(rule);
                }
            }
            byStore = next;
            return null;
        }).replaceWithVoid().eventually(() -> {
            loading.set(false);
            if (again.getAndSet(false)) {
                reload();
            }
        });
    }

    private void reload() {
        reloadNow().subscribe().with(ignored -> {
        }, failure -> {
            Log.debugf("Alert rules not loaded (%s); retrying", failure.getMessage());
            vertx.setTimer(2000, id -> reload());
        });
    }

    /**
     * One subscription for both channels (rules changed; a store's name, time zone or capacity changed): each
     * subscription holds one of the Redis pool's connections for as long as it lasts.
     */
    private void subscribe() {
        pubsub.subscribe(List.of(keys.alertRulesChannel(), keys.storeChangesChannel()), storeId -> reload(),
                () -> vertx.setTimer(1000, id -> subscribe()), failure -> vertx.setTimer(1000, id -> subscribe()))
                .subscribe().with(ignored -> {
                }, failure -> vertx.setTimer(1000, id -> subscribe()));
    }

    private static ActiveRule read(Row row) {
        RuleType type = RuleType.of(row.getString("type"));
        if (type == null) {
            return null;
        }
        Rule rule = new Rule(row.getLong("id"), row.getString("store_id"), type, row.getString("severity"),
                Duration.ofSeconds(row.getInteger("cooldown_seconds")), row.getLocalTime("quiet_from"), row.getLocalTime("quiet_to"), true,
                row.getDouble("percent"), row.getDouble("resolve_percent"), row.getInteger("minutes"), row.getInteger("min_visitors"),
                row.getInteger("window_minutes"), row.getDouble("factor"), row.getInteger("consecutive"));
        return new ActiveRule(rule, row.getString("name"), ZoneId.of(row.getString("timezone")), row.getInteger("capacity"));
    }

}

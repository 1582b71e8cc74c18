package com.retailintelligence.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Actors;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.alert.AlertRuleService;
import com.retailintelligence.alert.Rule;
import com.retailintelligence.alert.RuleType;
import com.retailintelligence.analytics.StoreSettings;
import com.retailintelligence.analytics.StoreSettingsService;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;

import io.smallrye.mutiny.Uni;

/**
 * Opening hours (09:00-21:00 every day), daily targets and alert rules for the demo stores, each added once (a store that has its own
 * keeps them). The rules: occupancy at capacity, which the
 * demo's lunch and evening peaks cross most days; a silent door counter, which door 2's dropouts (every two hours of
 * opening, DemoTraffic.dropout) trip for a couple of minutes — so a new user sees the display's alert strip and the
 * bot's alerts work within the hour; and a silent till and unusual traffic, which stay quiet unless something is wrong.
 */
@ApplicationScoped
public class DemoSetup {

    private final AlertRuleService rules;
    private final StoreSettingsService settings;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveKeyCommands<String> redisKeys;
    private final RedisKeys keys;

    public DemoSetup(AlertRuleService rules, StoreSettingsService settings, ReactiveRedisDataSource redis, RedisKeys keys) {
        this.rules = rules;
        this.settings = settings;
        this.values = redis.value(String.class);
        this.redisKeys = redis.key(String.class);
        this.keys = keys;
    }

    /** Adds what is missing; only on the replica that claims the set-up (replicas starting together would each add it). */
    Uni<Void> ensure() {
        return values.setGet(keys.demoSetupClaim(), "1", new SetArgs().nx().ex(300)).chain(previous -> previous == null
                ? addMissing().eventually(() -> redisKeys.del(keys.demoSetupClaim()).onFailure().recoverWithNull())
                : Uni.createFrom().voidItem());
    }

    private Uni<Void> addMissing() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DemoStore store : DemoStore.ALL) {
            chain = chain.chain(() -> settings.read(StoreScope.ALL, store.id()).chain(read -> read.openingHours().isEmpty()
                    ? settings.replaceOpeningHours(StoreScope.ALL, store.id(), openingHours(), entry("store.opening-hours", store))
                    : Uni.createFrom().voidItem()));
            chain = chain.chain(() -> settings.read(StoreScope.ALL, store.id()).chain(read -> read.targets().isEmpty()
                    ? settings.replaceTargets(StoreScope.ALL, store.id(), targets(store), entry("store.targets", store))
                    : Uni.createFrom().voidItem()));
            chain = chain.chain(() -> rules.list(StoreScope.ALL, store.id()).chain(existing -> existing.isEmpty() ? add(store) : Uni.createFrom().voidItem()));
        }
        return chain;
    }

    /** The demo's hours (DemoStore.OPENS to CLOSES) every day: silent sensors at night are no alert. */
    private static Map<DayOfWeek, StoreSettings.OpeningDay> openingHours() {
        Map<DayOfWeek, StoreSettings.OpeningDay> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, new StoreSettings.OpeningDay(DemoStore.OPENS, DemoStore.CLOSES));
        }
        return hours;
    }

    /**
     * The same daily targets every weekday, a little above a usual weekday (about 600 visitors per visitor a minute
     * at the peak): busy Saturdays pass them, quiet Sundays fall short, so the dashboard shows both.
     */
    static Map<DayOfWeek, StoreSettings.Target> targets(DemoStore store) {
        long visitors = Math.round(store.peakVisitorsPerMinute() * 6) * 100;
        double revenue = visitors * store.conversion() * store.averageBasket();
        long revenueMinor = Math.round(revenue / 100) * 100 * (long) Math.pow(10, store.minorDigits());
        BigDecimal conversion = BigDecimal.valueOf(store.conversion() + 0.01).setScale(2, RoundingMode.HALF_UP);
        Map<DayOfWeek, StoreSettings.Target> targets = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            targets.put(day, new StoreSettings.Target(visitors, revenueMinor, conversion));
        }
        return targets;
    }

    private static AuditEntry entry(String action, DemoStore store) {
        return new AuditEntry(Actors.SYSTEM, AuditEntry.Channel.SYSTEM, action, store.id(), AuditEntry.Result.SUCCESS, null, "demo data");
    }

    private Uni<Void> add(DemoStore store) {
        Rule occupancy = new Rule(null, null, RuleType.OCCUPANCY, "warning", Duration.ofMinutes(30), null, null, true, 100.0, 85.0,
                null, null, null, null, null);
        Rule counter = new Rule(null, null, RuleType.SENSOR_SILENT, "warning", Duration.ofMinutes(30), null, null, true, null, null,
                10, null, null, null, null);
        Rule till = new Rule(null, null, RuleType.POS_SILENT, "critical", Duration.ofMinutes(30), null, null, true, null, null,
                20, 30, null, null, null);
        Rule anomaly = new Rule(null, null, RuleType.TRAFFIC_ANOMALY, "info", Duration.ofHours(1), null, null, true, null, null,
                null, null, 30, 1.8, 2);
        return create(store, occupancy).chain(() -> create(store, counter)).chain(() -> create(store, till))
                .chain(() -> create(store, anomaly));
    }

    private Uni<Void> create(DemoStore store, Rule rule) {
        return rules.create(StoreScope.ALL, store.id(), rule, entry("alert-rule.create", store)).replaceWithVoid();
    }
}

package com.retailintelligence.demo;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Actors;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.alert.AlertRuleService;
import com.retailintelligence.alert.Rule;
import com.retailintelligence.alert.RuleType;
import com.retailintelligence.audit.AuditEntry;

import io.smallrye.mutiny.Uni;

/**
 * Alert rules for the demo stores, added once (a store that has rules keeps its own): occupancy at capacity, which the
 * demo's lunch and evening peaks cross most days, so a new user sees the display's alert strip and the bot's alerts
 * work; and a silent till and unusual traffic, which stay quiet unless something is wrong.
 */
@ApplicationScoped
public class DemoAlertRules {

    private final AlertRuleService rules;

    public DemoAlertRules(AlertRuleService rules) {
        this.rules = rules;
    }

    Uni<Void> ensure() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DemoStore store : DemoStore.ALL) {
            chain = chain.chain(() -> rules.list(StoreScope.ALL, store.id()).chain(existing -> existing.isEmpty() ? add(store) : Uni.createFrom().voidItem()));
        }
        return chain;
    }

    private Uni<Void> add(DemoStore store) {
        Rule occupancy = new Rule(null, null, RuleType.OCCUPANCY, "warning", Duration.ofMinutes(30), null, null, true, 100.0, 85.0,
                null, null, null, null, null);
        Rule till = new Rule(null, null, RuleType.POS_SILENT, "critical", Duration.ofMinutes(30), null, null, true, null, null,
                20, 30, null, null, null);
        Rule anomaly = new Rule(null, null, RuleType.TRAFFIC_ANOMALY, "info", Duration.ofHours(1), null, null, true, null, null,
                null, null, 30, 1.8, 2);
        return create(store, occupancy).chain(() -> create(store, till)).chain(() -> create(store, anomaly));
    }

    private Uni<Void> create(DemoStore store, Rule rule) {
        return rules.create(StoreScope.ALL, store.id(), rule, new AuditEntry(Actors.SYSTEM, AuditEntry.Channel.SYSTEM,
                "alert-rule.create", store.id(), AuditEntry.Result.SUCCESS, null, "demo data")).replaceWithVoid();
    }
}

package com.retailintelligence.alert;

import java.time.Instant;

/** A stored rule with when it was created and last changed. */
public record RuleView(Rule rule, Instant createdAt, Instant updatedAt) {

    static RuleView of(AlertRuleEntity entity) {
        return new RuleView(entity.toRule(), entity.createdAt, entity.updatedAt);
    }
}

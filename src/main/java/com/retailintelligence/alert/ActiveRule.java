package com.retailintelligence.alert;

import java.time.ZoneId;

/** An enabled rule with what the engine needs of its store: name, time zone and capacity (null: none set). */
record ActiveRule(Rule rule, String storeName, ZoneId zone, Integer capacity) {

    long id() {
        return rule.id();
    }

    String storeId() {
        return rule.storeId();
    }

    RuleType type() {
        return rule.type();
    }
}

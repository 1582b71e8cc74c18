package com.retailintelligence.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code alert_rules} (V9), mapped with Hibernate Reactive for the rules' REST API. */
@Entity
@Table(name = "alert_rules")
public class AlertRuleEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "store_id", nullable = false, updatable = false, columnDefinition = "text")
    String storeId;
    @Column(columnDefinition = "text")
    String type;
    @Column(columnDefinition = "text")
    String severity;
    @Column(name = "cooldown_seconds")
    int cooldownSeconds;
    @Column(name = "quiet_from")
    LocalTime quietFrom;
    @Column(name = "quiet_to")
    LocalTime quietTo;
    boolean enabled;
    Double percent;
    @Column(name = "resolve_percent")
    Double resolvePercent;
    Integer minutes;
    @Column(name = "min_visitors")
    Integer minVisitors;
    @Column(name = "window_minutes")
    Integer windowMinutes;
    Double factor;
    Integer consecutive;
    @Column(name = "created_at", updatable = false)
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;

    static AlertRuleEntity of(String storeId, Rule rule, Instant now) {
        AlertRuleEntity entity = new AlertRuleEntity();
        entity.storeId = storeId;
        entity.createdAt = now;
        entity.apply(rule, now);
        return entity;
    }

    /** Replaces everything but the ids and the creation time. */
    void apply(Rule rule, Instant now) {
        type = rule.type().wireName();
        severity = rule.severity();
        cooldownSeconds = (int) rule.cooldown().toSeconds();
        quietFrom = rule.quietFrom();
        quietTo = rule.quietTo();
        enabled = rule.enabled();
        percent = rule.percent();
        resolvePercent = rule.resolvePercent();
        minutes = rule.minutes();
        minVisitors = rule.minVisitors();
        windowMinutes = rule.windowMinutes();
        factor = rule.factor();
        consecutive = rule.consecutive();
        updatedAt = now;
    }

    Rule toRule() {
        return new Rule(id, storeId, RuleType.of(type), severity, Duration.ofSeconds(cooldownSeconds), quietFrom, quietTo, enabled,
                percent, resolvePercent, minutes, minVisitors, windowMinutes, factor, consecutive);
    }
}

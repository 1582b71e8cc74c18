package com.retailintelligence.alert;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code alerts} (V9), mapped with Hibernate Reactive for the alert list and acknowledgements. The engine
 * fires and resolves alerts with plain SQL (AlertGuard): its guard is an INSERT … ON CONFLICT, which JPA has no word for.
 */
@Entity
@Table(name = "alerts")
public class AlertEntity {

    @Id
    Long id;
    @Column(name = "store_id", columnDefinition = "text")
    String storeId;
    @Column(name = "rule_id")
    Long ruleId;
    @Column(name = "rule_type", columnDefinition = "text")
    String ruleType;
    @Column(columnDefinition = "text")
    String severity;
    @Column(columnDefinition = "text")
    String message;
    /** The values involved, a JSON object as text. */
    @Column(columnDefinition = "text")
    String details;
    @Column(name = "fired_at")
    Instant firedAt;
    @Column(name = "acknowledged_at")
    Instant acknowledgedAt;
    @Column(name = "acknowledged_by", columnDefinition = "text")
    String acknowledgedBy;
    @Column(name = "resolved_at")
    Instant resolvedAt;
    @Column(name = "resolve_message", columnDefinition = "text")
    String resolveMessage;

    /** open, acknowledged (still unresolved) or resolved. */
    String status() {
        return resolvedAt != null ? AlertStatus.RESOLVED : acknowledgedAt != null ? AlertStatus.ACKNOWLEDGED : AlertStatus.OPEN;
    }
}

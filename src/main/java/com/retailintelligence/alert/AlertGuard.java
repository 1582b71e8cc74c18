package com.retailintelligence.alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements that fire and resolve alerts once, however many replicas evaluate the same rule at the same moment:
 * the unique index on a rule's unresolved alert (V9) lets one INSERT win and the others do nothing, and the cooldown is
 * checked in the same statement; a resolve is an UPDATE of the one unresolved row, which only one replica gets back.
 */
@ApplicationScoped
public class AlertGuard {

    private static final String FIRE = "WITH last AS (SELECT max(resolved_at) AS at FROM alerts WHERE rule_id = $2), "
            + "ins AS (INSERT INTO alerts (store_id, rule_id, rule_type, severity, message, details, fired_at) "
            + "SELECT $1, $2, $3, $4, $5, $6, $7 FROM last JOIN alert_rules r ON r.id = $2 AND r.enabled "
            + "WHERE last.at IS NULL OR last.at <= $7::timestamptz - $8 * interval '1 second' "
            + "ON CONFLICT (rule_id) WHERE resolved_at IS NULL DO NOTHING RETURNING id) "
            + "SELECT (SELECT id FROM ins) AS id, (SELECT at FROM last) AS last_resolved, "
            + "EXISTS (SELECT 1 FROM alerts WHERE rule_id = $2 AND resolved_at IS NULL) AS open_now";
    private static final String RESOLVE = "UPDATE alerts SET resolved_at = $2, resolve_message = $3 "
            + "WHERE rule_id = $1 AND resolved_at IS NULL RETURNING id, fired_at";

    /** What became of an attempt to fire. */
    public sealed interface FireResult {
    }

    /** The alert fired: its id. */
    public record Fired(long alertId) implements FireResult {
    }

    /** The rule already has an unresolved alert (fired here or by another replica), or was just disabled or deleted. */
    public record AlreadyOpen() implements FireResult {
    }

    /** The rule's last alert resolved less than its cooldown ago: nothing fires before {@code until}. */
    public record Cooling(Instant until) implements FireResult {
    }

    /** An alert that resolved: its id and when it had fired. */
    public record Resolved(long alertId, Instant firedAt) {
    }

    Uni<FireResult> fire(SqlConnection tx, Rule rule, String message, String detailsJson, Instant at) {
        return tx.preparedQuery(FIRE).execute(Tuple.tuple(java.util.List.of(rule.storeId(), rule.id(), rule.type().wireName(),
                rule.severity(), message, detailsJson, utc(at), rule.cooldown().toSeconds()))).map(rows -> {
                    Row row = rows.iterator().next();
                    Long id = row.getLong("id");
                    if (id != null) {
                        return new Fired(id);
                    }
                    if (Boolean.TRUE.equals(row.getBoolean("open_now"))) {
                        return new AlreadyOpen(); // open: resolving must stay possible, whatever the cooldown says
                    }
                    OffsetDateTime last = row.getOffsetDateTime("last_resolved");
                    if (last != null && last.toInstant().plus(rule.cooldown()).isAfter(at)) {
                        return new Cooling(last.toInstant().plus(rule.cooldown()));
                    }
                    return new AlreadyOpen();
                });
    }

    /** Resolves the rule's unresolved alert, if any; null when there was none (or another replica resolved it). */
    Uni<Resolved> resolve(SqlConnection tx, long ruleId, String message, Instant at) {
        return tx.preparedQuery(RESOLVE).execute(Tuple.of(ruleId, utc(at), message)).map(rows -> {
            if (rows.rowCount() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new Resolved(row.getLong("id"), row.getOffsetDateTime("fired_at").toInstant());
        });
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}

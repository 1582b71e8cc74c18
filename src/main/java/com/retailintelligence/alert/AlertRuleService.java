package com.retailintelligence.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.db.ScopedSessions;

import io.smallrye.mutiny.Uni;

/**
 * A store's alert rules (Hibernate Reactive, under the caller's store scope, each change audited in its transaction).
 * Every change is announced so that each replica's engine reloads its rules; disabling a rule, changing its type or
 * deleting it resolves its open alert first, as its own event.
 */
@ApplicationScoped
public class AlertRuleService {

    private static final String OF_STORE = "from AlertRuleEntity where storeId = :store order by id";
    private static final String LEFT_OVER = "from AlertEntity where ruleId = :rule and resolvedAt is null";

    private final ScopedSessions sessions;
    private final AuditLog audit;
    private final RuleBook book;
    private final AlertEngine engine;

    public AlertRuleService(ScopedSessions sessions, AuditLog audit, RuleBook book, AlertEngine engine) {
        this.sessions = sessions;
        this.audit = audit;
        this.book = book;
        this.engine = engine;
    }

    public Uni<List<RuleView>> list(StoreScope scope, String storeId) {
        return sessions.inTransaction(scope, session -> session.createSelectionQuery(OF_STORE, AlertRuleEntity.class)
                .setParameter("store", storeId).getResultList())
                .map(list -> list.stream().map(RuleView::of).toList());
    }

    /** The rule, or null when the store has no such rule. */
    public Uni<RuleView> find(StoreScope scope, String storeId, long ruleId) {
        return sessions.inTransaction(scope, session -> session.find(AlertRuleEntity.class, ruleId))
                .map(entity -> entity == null || !entity.storeId.equals(storeId) ? null : RuleView.of(entity));
    }

    public Uni<RuleView> create(StoreScope scope, String storeId, Rule rule, AuditEntry entry) {
        Instant now = now();
        AlertRuleEntity entity = AlertRuleEntity.of(storeId, rule, now);
        return sessions.inTransaction(scope, session -> session.persist(entity).chain(session::flush)
                .chain(() -> audit.append(session, withDetail(entry, entity.id))))
                .map(ignored -> RuleView.of(entity))
                .call(() -> book.announce(storeId));
    }

    /** Replaces a rule whole; null when the store has no such rule. */
    public Uni<RuleView> replace(StoreScope scope, String storeId, String storeName, long ruleId, Rule rule, AuditEntry entry) {
        return find(scope, storeId, ruleId).chain(before -> {
            if (before == null) {
                return Uni.createFrom().nullItem();
            }
            boolean ends = before.rule().enabled() && (!rule.enabled() || before.rule().type() != rule.type());
            Uni<?> first = ends ? engine.resolve(before.rule(), storeName, "The alert rule was " + (rule.enabled() ? "changed" : "disabled")
                    + ": its alert is closed.", Map.of(), now()) : Uni.createFrom().voidItem();
            List<AlertNotice> closed = new java.util.ArrayList<>();
            return first.chain(() -> sessions.inTransaction(scope, session -> session.find(AlertRuleEntity.class, ruleId)
                    .chain(entity -> {
                        if (entity == null || !entity.storeId.equals(storeId)) {
                            return Uni.createFrom().<RuleView>nullItem();
                        }
                        entity.apply(rule, now());
                        // As for a delete: an alert fired between the resolve above and this change is closed with it.
                        Uni<Void> leftOver = ends ? closeLeftOver(session, before.rule(), storeName,
                                "The alert rule was changed: its alert is closed.", closed) : Uni.createFrom().voidItem();
                        return leftOver.chain(session::flush).chain(() -> audit.append(session, withDetail(entry, ruleId)))
                                .replaceWith(() -> RuleView.of(entity));
                    })))
                    .call(view -> {
                        engine.forget(ruleId);
                        return view == null ? Uni.createFrom().voidItem() : book.announce(storeId).chain(() -> engine.announce(closed));
                    });
        });
    }

    /** Deletes a rule (its alerts stay, resolved); false when the store has no such rule. */
    public Uni<Boolean> delete(StoreScope scope, String storeId, String storeName, long ruleId, AuditEntry entry) {
        return find(scope, storeId, ruleId).chain(before -> {
            if (before == null) {
                return Uni.createFrom().item(false);
            }
            String message = "The alert rule was deleted: its alert is closed.";
            List<AlertNotice> closed = new java.util.ArrayList<>();
            return engine.resolve(before.rule(), storeName, message, Map.of(), now())
                    .chain(() -> sessions.inTransaction(scope, session -> session.find(AlertRuleEntity.class, ruleId).chain(entity -> {
                        if (entity == null || !entity.storeId.equals(storeId)) {
                            return Uni.createFrom().item(false);
                        }
                        // An alert fired between the resolve above and this delete would be left open without its rule.
                        return closeLeftOver(session, before.rule(), storeName, message, closed)
                                .chain(() -> session.remove(entity))
                                .chain(session::flush)
                                .chain(() -> audit.append(session, withDetail(entry, ruleId)))
                                .replaceWith(true);
                    })))
                    .call(deleted -> {
                        engine.forget(ruleId);
                        return deleted ? book.announce(storeId).chain(() -> engine.announce(closed)) : Uni.createFrom().voidItem();
                    });
        });
    }

    /** Resolves, in the session, an alert of the rule still open; its notices (to deliver after the commit) go to {@code closed}. */
    private static Uni<Void> closeLeftOver(org.hibernate.reactive.mutiny.Mutiny.Session session, Rule rule, String storeName, String message,
            List<AlertNotice> closed) {
        return session.createSelectionQuery(LEFT_OVER, AlertEntity.class).setParameter("rule", rule.id()).getResultList().invoke(open -> {
            Instant at = now();
            for (AlertEntity alert : open) {
                alert.resolvedAt = at;
                alert.resolveMessage = message;
                closed.add(new AlertNotice(alert.id, alert.storeId, storeName, rule.id(), alert.ruleType, alert.severity, message,
                        alert.firedAt, at, Map.of()));
            }
        }).replaceWithVoid();
    }

    private static AuditEntry withDetail(AuditEntry entry, Long ruleId) {
        return new AuditEntry(entry.actor(), entry.channel(), entry.action(), entry.target(), entry.result(), entry.requestId(),
                "rule " + ruleId, entry.occurrences());
    }

    /** Timestamps as PostgreSQL keeps them (microseconds), so an answer equals a later read. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

package com.retailintelligence.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.db.ScopedSessions;

import io.smallrye.mutiny.Uni;

/**
 * The stored alerts (Hibernate Reactive, under the caller's store scope): the paged list, newest first, and
 * acknowledgement — by whom and when, audited in the same transaction, once (acknowledging again changes nothing).
 */
@ApplicationScoped
public class AlertService {

    private final ScopedSessions sessions;
    private final AuditLog audit;

    public AlertService(ScopedSessions sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    /** One page of alerts and the {@code before} of the next (null when this is the last). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Page(List<Map<String, Object>> items, Long nextBefore) {
    }

    public Uni<Page> list(StoreScope scope, AlertQuery query) {
        StringBuilder hql = new StringBuilder("from AlertEntity a where 1 = 1");
        if (!scope.allStores()) {
            hql.append(" and a.storeId in :scope"); // the application's own check; RLS is the second lock
        }
        if (query.storeId() != null) {
            hql.append(" and a.storeId = :store");
        }
        if (query.status() != null) {
            hql.append(switch (query.status()) {
                case AlertStatus.RESOLVED -> " and a.resolvedAt is not null";
                case AlertStatus.ACKNOWLEDGED -> " and a.resolvedAt is null and a.acknowledgedAt is not null";
                default -> " and a.resolvedAt is null and a.acknowledgedAt is null";
            });
        }
        if (query.from() != null) {
            hql.append(" and a.firedAt >= :from");
        }
        if (query.to() != null) {
            hql.append(" and a.firedAt < :to");
        }
        if (query.before() != null) {
            hql.append(" and a.id < :before");
        }
        hql.append(" order by a.id desc");
        return sessions.inTransaction(scope, session -> {
            Mutiny.SelectionQuery<AlertEntity> select = session.createSelectionQuery(hql.toString(), AlertEntity.class);
            if (!scope.allStores()) {
                select.setParameter("scope", List.copyOf(scope.stores()));
            }
            if (query.storeId() != null) {
                select.setParameter("store", query.storeId());
            }
            if (query.from() != null) {
                select.setParameter("from", query.from());
            }
            if (query.to() != null) {
                select.setParameter("to", query.to());
            }
            if (query.before() != null) {
                select.setParameter("before", query.before());
            }
            return select.setMaxResults(query.limit() + 1).getResultList();
        }).map(found -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < Math.min(found.size(), query.limit()); i++) {
                items.add(AlertJson.view(found.get(i)));
            }
            Long next = found.size() > query.limit() ? found.get(query.limit() - 1).id : null;
            return new Page(items, next);
        });
    }

    /** What became of an acknowledgement. */
    public sealed interface AckOutcome {
    }

    /** No such alert in the scope. */
    public record NoAlert() implements AckOutcome {
    }

    /** The alert, acknowledged now ({@code first}) or earlier. */
    public record Acknowledged(Map<String, Object> alert, String storeId, boolean first) implements AckOutcome {
    }

    /** Acknowledges for {@code actor}; {@code entry} is audited when this is the first acknowledgement. */
    public Uni<AckOutcome> acknowledge(StoreScope scope, long alertId, String actor, AuditEntry entry) {
        return sessions.inTransaction(scope, session -> session.find(AlertEntity.class, alertId, org.hibernate.LockMode.PESSIMISTIC_WRITE).chain(alert -> {
            if (alert == null || !scope.allows(alert.storeId)) {
                return Uni.createFrom().item((AckOutcome) new NoAlert());
            }
            if (alert.acknowledgedAt != null) {
                return Uni.createFrom().item((AckOutcome) new Acknowledged(AlertJson.view(alert), alert.storeId, false));
            }
            alert.acknowledgedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            alert.acknowledgedBy = actor;
            return session.flush()
                    .chain(() -> audit.append(session, new AuditEntry(entry.actor(), entry.channel(), entry.action(), "alert " + alertId,
                            entry.result(), entry.requestId(), "store " + alert.storeId, entry.occurrences())))
                    .replaceWith(() -> (AckOutcome) new Acknowledged(AlertJson.view(alert), alert.storeId, true));
        }));
    }
}

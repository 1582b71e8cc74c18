package com.retailintelligence.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;

/**
 * Store management: the rules between the REST resource and the repository. Each call runs under the caller's
 * store scope (row-level security); each change is audited in its own transaction with the given entry, and
 * announced to every replica's store cache.
 */
@ApplicationScoped
public class StoreService {

    private final ScopedSql sql;
    private final StoreRepository repository;
    private final StoreChanges changes;
    private final AuditLog audit;
    private final Event<StoreDeleted> deleted;

    public StoreService(ScopedSql sql, StoreRepository repository, StoreChanges changes, AuditLog audit,
            Event<StoreDeleted> deleted) {
        this.sql = sql;
        this.repository = repository;
        this.changes = changes;
        this.audit = audit;
        this.deleted = deleted;
    }

    /** Creates the store; yields null when its id is taken. */
    public Uni<Store> create(StoreScope scope, NewStore store, AuditEntry entry) {
        return sql.inTransaction(scope, tx -> repository.insert(tx, store)
                .call(created -> created == null ? Uni.createFrom().voidItem() : audit.append(tx, entry)))
                .invoke(created -> {
                    if (created != null) {
                        changes.changed(created.id()); // the cached store lists of every replica take it in
                    }
                });
    }

    /** The store, or null when it does not exist or the scope does not allow it (the same answer, by design). */
    public Uni<Store> find(StoreScope scope, String id) {
        if (!scope.allows(id)) {
            return Uni.createFrom().nullItem();
        }
        return sql.single(scope, tx -> repository.findById(tx, id));
    }

    /** The stores the scope allows (filtered here, and by row-level security again). */
    public Uni<List<Store>> list(StoreScope scope) {
        return sql.single(scope, tx -> repository.list(tx, scope));
    }

    /** Updates the store: not found also when the scope does not allow it; a currency change may be refused. */
    public Uni<UpdateOutcome> update(StoreScope scope, String id, StoreUpdate update, AuditEntry entry) {
        if (!scope.allows(id)) {
            return Uni.createFrom().item(new UpdateOutcome.NotFound());
        }
        return sql.inTransaction(scope, tx -> repository.update(tx, id, update)
                .call(outcome -> outcome instanceof UpdateOutcome.Updated ? audit.append(tx, entry) : Uni.createFrom().voidItem()))
                .invoke(outcome -> {
                    if (outcome instanceof UpdateOutcome.Updated) {
                        changes.changed(id);
                    }
                });
    }

    /**
     * Deletes the store; with {@code force} its events and rollups go with it, otherwise a store with events is
     * kept. Once committed, the deletion is announced ({@link StoreDeleted}): the live aggregates drop its keys.
     */
    public Uni<DeleteOutcome> delete(StoreScope scope, String id, boolean force, AuditEntry entry) {
        if (!scope.allows(id)) {
            return Uni.createFrom().item(DeleteOutcome.NOT_FOUND);
        }
        return sql.inTransaction(scope, tx -> (force ? repository.deleteWithData(tx, id) : repository.deleteIfEmpty(tx, id))
                .call(outcome -> outcome == DeleteOutcome.DELETED ? audit.append(tx, entry) : Uni.createFrom().voidItem()))
                .invoke(outcome -> {
                    if (outcome == DeleteOutcome.DELETED) {
                        changes.changed(id);
                        deleted.fire(new StoreDeleted(id));
                    }
                });
    }
}

package com.retailintelligence.analytics;

import java.time.DayOfWeek;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;

/** Reads and replaces a store's opening hours and targets, each change audited in its own transaction. */
@ApplicationScoped
public class StoreSettingsService {

    private final StoreSettingsRepository repository;
    private final ScopedSql sql;
    private final AuditLog audit;

    public StoreSettingsService(StoreSettingsRepository repository, ScopedSql sql, AuditLog audit) {
        this.repository = repository;
        this.sql = sql;
        this.audit = audit;
    }

    /** The settings of a store the caller may see (checked by the caller). */
    public Uni<StoreSettings> read(StoreScope scope, String storeId) {
        return scope.allows(storeId) ? repository.read(scope, storeId) : Uni.createFrom().item(StoreSettings.NONE);
    }

    public Uni<Void> replaceOpeningHours(StoreScope scope, String storeId, Map<DayOfWeek, StoreSettings.OpeningDay> hours,
            AuditEntry entry) {
        return sql.inTransaction(scope, tx -> repository.replaceOpeningHours(tx, storeId, hours).chain(() -> audit.append(tx, entry)));
    }

    public Uni<Void> replaceTargets(StoreScope scope, String storeId, Map<DayOfWeek, StoreSettings.Target> targets,
            AuditEntry entry) {
        return sql.inTransaction(scope, tx -> repository.replaceTargets(tx, storeId, targets).chain(() -> audit.append(tx, entry)));
    }
}

package com.retailintelligence.store;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;

/**
 * Every store, read once for many callers: the live feeds open a snapshot per connection, and a thousand screens
 * reconnecting at once (a replica restarted) must not mean a thousand store listings in PostgreSQL. Read as the
 * system, like {@link StoreDirectory}: callers filter by their principal's scope. Trusted for the store cache's
 * time-to-live (RETAIL_INGEST_STORE_CACHE_TTL), forgotten at once when {@link StoreChanges} announces a change;
 * concurrent callers of an expired list share one read.
 */
@Singleton
public class StoreListCache {

    private final ScopedSql sql;
    private final StoreRepository repository;
    private final long ttlNanos;
    private final AtomicReference<Loading> current = new AtomicReference<>();

    public StoreListCache(ScopedSql sql, StoreRepository repository, StoreCacheConfig config) {
        this.sql = sql;
        this.repository = repository;
        this.ttlNanos = config.storeCacheTtl().toNanos();
    }

    /** Every store, at most the time-to-live old. */
    public Uni<List<Store>> all() {
        long now = System.nanoTime();
        Loading loading = current.get();
        if (loading == null || now - loading.startedAt() >= ttlNanos) {
            Loading fresh = new Loading(now, sql.single(StoreScope.ALL, tx -> repository.list(tx, StoreScope.ALL))
                    .memoize().indefinitely());
            loading = current.compareAndSet(loading, fresh) ? fresh : current.get();
            if (loading == null) {
                loading = fresh; // forgotten meanwhile: this read is as fresh as any
            }
        }
        Loading used = loading;
        // A failed read is not kept: the next caller tries again.
        return used.stores().onFailure().invoke(failure -> current.compareAndSet(used, null));
    }

    /** Forgets the list (a store was created, changed or deleted). */
    public void forget() {
        current.set(null);
    }

    private record Loading(long startedAt, Uni<List<Store>> stores) {
    }
}

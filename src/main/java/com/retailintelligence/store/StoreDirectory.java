package com.retailintelligence.store;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The cache of store facts every feature reads (ingest, live feeds, user and key checks). Looks up the stores a batch names: whether they exist, their time zone and currency. Found stores are
 * remembered for a few seconds (saving a query per batch on the hot path); unknown ones are asked for every
 * time, so a store created on another replica is usable at once. The statement itself joins the stores
 * table, so a store's time zone always comes from PostgreSQL for the rollups.
 */
@ApplicationScoped
public class StoreDirectory {

    private final ScopedSql sql;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public StoreDirectory(ScopedSql sql, StoreCacheConfig config) {
        this.sql = sql;
        this.ttlNanos = config.storeCacheTtl().toNanos();
    }

    /** The known stores among {@code ids}, by id. */
    public Uni<Map<String, StoreInfo>> find(Collection<String> ids) {
        long now = System.nanoTime();
        Map<String, StoreInfo> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            Cached cached = cache.get(id);
            if (cached != null && now - cached.loadedAt() < ttlNanos) {
                found.put(id, cached.store());
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        // Shared by every request (and cached), so read as the system; callers check their principal's scope.
        return sql.statement(StoreScope.ALL, "SELECT id, timezone, currency FROM stores WHERE id = ANY($1)",
                        Tuple.of(missing.toArray(String[]::new)))
                .map(rows -> {
                    rows.forEach(row -> {
                        StoreInfo store = new StoreInfo(row.getString("id"), ZoneId.of(row.getString("timezone")),
                                row.getString("currency"));
                        cache.put(store.id(), new Cached(store, now));
                        found.put(store.id(), store);
                    });
                    return found;
                });
    }

    /** The ids among {@code ids} of stores that do not exist, sorted. */
    public Uni<java.util.SortedSet<String>> unknown(Collection<String> ids) {
        return find(ids).map(known -> {
            java.util.SortedSet<String> unknown = new java.util.TreeSet<>(ids);
            unknown.removeAll(known.keySet());
            return unknown;
        });
    }

    /** Forgets a store at once on this replica (after it was changed or deleted here). */
    public void forget(String id) {
        cache.remove(id);
    }

    /** What ingest needs to know of a store. */
    public record StoreInfo(String id, ZoneId zone, String currency) {
    }

    private record Cached(StoreInfo store, long loadedAt) {
    }
}

package com.retailintelligence.ingest;

import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Looks up the stores a batch names: whether they exist, their time zone and currency. */
@ApplicationScoped
public class StoreDirectory {

    private final Pool pool;

    public StoreDirectory(Pool pool) {
        this.pool = pool;
    }

    /** The known stores among {@code ids}, by id. */
    public Uni<Map<String, StoreInfo>> find(Collection<String> ids) {
        return pool.preparedQuery("SELECT id, timezone, currency FROM stores WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, StoreInfo> stores = new HashMap<>();
                    rows.forEach(row -> stores.put(row.getString("id"), new StoreInfo(row.getString("id"),
                            ZoneId.of(row.getString("timezone")), row.getString("currency"))));
                    return stores;
                });
    }

    /** What ingest needs to know of a store. */
    public record StoreInfo(String id, ZoneId zone, String currency) {
    }
}

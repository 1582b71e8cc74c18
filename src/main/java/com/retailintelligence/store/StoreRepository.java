package com.retailintelligence.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Tuple;

/** PostgreSQL access for stores, through the reactive client. */
@ApplicationScoped
public class StoreRepository {

    private static final String COLUMNS = "id, name, timezone, capacity, currency, created_at";

    private final Pool pool;

    public StoreRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the store; yields null when the id is taken. */
    public Uni<Store> insert(NewStore store) {
        return pool.preparedQuery("INSERT INTO stores (id, name, timezone, capacity, currency) VALUES ($1, $2, $3, $4, $5) "
                        + "ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(store.id(), store.name(), store.timezone(), store.capacity(), store.currencyOrDefault()))
                .map(StoreRepository::firstOrNull);
    }

    public Uni<Store> findById(String id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM stores WHERE id = $1")
                .execute(Tuple.of(id))
                .map(StoreRepository::firstOrNull);
    }

    public Uni<List<Store>> listAll() {
        return pool.query("SELECT " + COLUMNS + " FROM stores ORDER BY id")
                .execute()
                .map(rows -> {
                    List<Store> stores = new java.util.ArrayList<>(rows.size());
                    rows.forEach(row -> stores.add(toStore(row)));
                    return stores;
                });
    }

    /** Replaces the editable fields; yields null when there is no such store. */
    public Uni<Store> update(String id, StoreUpdate update) {
        return pool.preparedQuery("UPDATE stores SET name = $2, timezone = $3, capacity = $4, currency = $5, updated_at = now() "
                        + "WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, update.name(), update.timezone(), update.capacity(), update.currencyOrDefault()))
                .map(StoreRepository::firstOrNull);
    }

    /** Deletes a store that has no events; the foreign keys make the check and the delete one atomic step. */
    public Uni<DeleteOutcome> deleteIfEmpty(String id) {
        return pool.preparedQuery("DELETE FROM stores WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? DeleteOutcome.NOT_FOUND : DeleteOutcome.DELETED)
                .onFailure(StoreRepository::isForeignKeyViolation).recoverWithItem(DeleteOutcome.HAS_DATA);
    }

    /** Deletes a store with all its events, in one transaction. */
    public Uni<DeleteOutcome> deleteWithData(String id) {
        Tuple key = Tuple.of(id);
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM traffic_events WHERE store_id = $1").execute(key)
                .chain(() -> tx.preparedQuery("DELETE FROM sales_events WHERE store_id = $1").execute(key))
                .chain(() -> tx.preparedQuery("DELETE FROM stores WHERE id = $1").execute(key)))
                .map(rows -> rows.rowCount() == 0 ? DeleteOutcome.NOT_FOUND : DeleteOutcome.DELETED);
    }

    private static boolean isForeignKeyViolation(Throwable failure) {
        return failure instanceof PgException pg && "23503".equals(pg.getSqlState());
    }

    private static Store firstOrNull(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? toStore(iterator.next()) : null;
    }

    private static Store toStore(Row row) {
        return new Store(row.getString("id"), row.getString("name"), row.getString("timezone"),
                row.getInteger("capacity"), row.getString("currency"), row.getOffsetDateTime("created_at"));
    }
}

package com.retailintelligence.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * PostgreSQL access for stores. Every method runs on a connection whose transaction carries a store scope
 * (ScopedSql): row-level security hides the stores outside it. The reads also filter by the scope themselves, so
 * a connection that escapes row-level security (the tables' owner, a superuser) still shows no other store.
 */
@ApplicationScoped
public class StoreRepository {

    private static final String COLUMNS = "id, name, timezone, capacity, currency, created_at";
    private static final String LOCK_STORE = "SELECT id FROM stores WHERE id = $1 FOR UPDATE";
    private static final String HAS_DATA = "SELECT EXISTS (SELECT 1 FROM rollups WHERE store_id = $1) "
            + "OR EXISTS (SELECT 1 FROM traffic_events WHERE store_id = $1) OR EXISTS (SELECT 1 FROM sales_events WHERE store_id = $1)";

    /** Inserts the store; yields null when the id is taken. */
    public Uni<Store> insert(SqlClient db, NewStore store) {
        return db.preparedQuery("INSERT INTO stores (id, name, timezone, capacity, currency) VALUES ($1, $2, $3, $4, $5) "
                        + "ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(store.id(), store.name(), store.timezone(), store.capacity(), store.currencyOrDefault()))
                .map(StoreRepository::firstOrNull);
    }

    public Uni<Store> findById(SqlClient db, String id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM stores WHERE id = $1")
                .execute(Tuple.of(id))
                .map(StoreRepository::firstOrNull);
    }

    /** The stores the scope allows, by id. */
    public Uni<List<Store>> list(SqlClient db, StoreScope scope) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM stores WHERE $1 OR id = ANY($2) ORDER BY id")
                .execute(Tuple.of(scope.allStores(), scope.stores().toArray(String[]::new)))
                .map(rows -> {
                    List<Store> stores = new java.util.ArrayList<>(rows.size());
                    rows.forEach(row -> stores.add(toStore(row)));
                    return stores;
                });
    }

    /**
     * Replaces name, time zone and capacity, and the currency when one is given (call inside a transaction). The
     * store row is locked first; a currency change is refused once the store has sales, whose amounts are in the
     * old currency's minor units (EUR to BHD would read every cent as a tenth of a fils).
     */
    public Uni<UpdateOutcome> update(SqlClient tx, String id, StoreUpdate update) {
        return tx.preparedQuery("SELECT currency FROM stores WHERE id = $1 FOR UPDATE").execute(Tuple.of(id)).chain(rows -> {
            if (rows.rowCount() == 0) {
                return Uni.createFrom().<UpdateOutcome>item(new UpdateOutcome.NotFound());
            }
            String currency = rows.iterator().next().getString("currency");
            if (update.currency() == null || update.currency().equals(currency)) {
                return replace(tx, id, update);
            }
            // A statement of its own, after the lock: it sees sales that committed while the lock was awaited (an
            // ingest statement holds the store row's key-share lock until it commits).
            return tx.preparedQuery("SELECT EXISTS (SELECT 1 FROM sales_events WHERE store_id = $1)").execute(Tuple.of(id))
                    .chain(sales -> sales.iterator().next().getBoolean(0)
                            ? Uni.createFrom().<UpdateOutcome>item(new UpdateOutcome.CurrencyLocked(currency))
                            : replace(tx, id, update));
        });
    }

    private Uni<UpdateOutcome> replace(SqlClient tx, String id, StoreUpdate update) {
        return tx.preparedQuery("UPDATE stores SET name = $2, timezone = $3, capacity = $4, "
                        + "currency = coalesce($5, currency), updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, update.name(), update.timezone(), update.capacity(), update.currency()))
                .map(updated -> new UpdateOutcome.Updated(firstOrNull(updated)));
    }

    /**
     * Deletes a store that has no events (call inside a transaction). The store row is locked first: an ingest statement in flight for it
     * then fails on the rollups' foreign key (all of it: its events too), and one that committed before is
     * seen by the check.
     */
    public Uni<DeleteOutcome> deleteIfEmpty(SqlClient tx, String id) {
        Tuple key = Tuple.of(id);
        return tx.preparedQuery(LOCK_STORE).execute(key).chain(locked -> {
            if (locked.rowCount() == 0) {
                return Uni.createFrom().item(DeleteOutcome.NOT_FOUND);
            }
            return tx.preparedQuery(HAS_DATA).execute(key).chain(data -> data.iterator().next().getBoolean(0)
                    ? Uni.createFrom().item(DeleteOutcome.HAS_DATA)
                    : tx.preparedQuery("DELETE FROM stores WHERE id = $1").execute(key).replaceWith(DeleteOutcome.DELETED));
        });
    }

    /** Deletes a store with all its events and rollups (call inside a transaction), the store row locked first. */
    public Uni<DeleteOutcome> deleteWithData(SqlClient tx, String id) {
        Tuple key = Tuple.of(id);
        return tx.preparedQuery(LOCK_STORE).execute(key).chain(locked -> {
            if (locked.rowCount() == 0) {
                return Uni.createFrom().item(DeleteOutcome.NOT_FOUND);
            }
            return tx.preparedQuery("DELETE FROM rollups WHERE store_id = $1").execute(key)
                    .chain(() -> tx.preparedQuery("DELETE FROM traffic_events WHERE store_id = $1").execute(key))
                    .chain(() -> tx.preparedQuery("DELETE FROM sales_events WHERE store_id = $1").execute(key))
                    .chain(() -> tx.preparedQuery("DELETE FROM traffic_event_ids WHERE store_id = $1").execute(key))
                    .chain(() -> tx.preparedQuery("DELETE FROM sales_event_ids WHERE store_id = $1").execute(key))
                    .chain(() -> tx.preparedQuery("DELETE FROM stores WHERE id = $1").execute(key))
                    .replaceWith(DeleteOutcome.DELETED);
        });
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

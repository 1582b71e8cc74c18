package com.retailintelligence.db;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * With the application's checks out of the way — statements sent straight through the service's own pool, so
 * as its database role — PostgreSQL itself shows and accepts only the rows of the stores in the transaction's
 * scope setting, and nothing without one.
 */
@QuarkusTest
class RowLevelSecurityTest {

    private static final List<String> TABLES = List.of("stores:id", "traffic_events:store_id", "sales_events:store_id",
            "rollups:store_id", "traffic_event_ids:store_id", "sales_event_ids:store_id");

    @Inject
    Pool pool;

    private String storeA;
    private String storeB;

    @BeforeEach
    void twoStoresWithData() {
        storeA = uniqueStoreId("rls-a");
        storeB = uniqueStoreId("rls-b");
        String at = Instant.now().minusSeconds(120).toString();
        for (String store : List.of(storeA, storeB)) {
            createStore(store, "UTC", "EUR");
            postTraffic(batch(List.of(traffic("t1", store, at, 3, 1)))).statusCode(200);
            postSales(batch(List.of(sale("s1", store, at, "9.99", "EUR", "sale")))).statusCode(200);
        }
    }

    private long count(String scope, String table, String column, String store) {
        return Sql.inScope(pool, scope, "SELECT count(*) FROM " + table + " WHERE " + column + " = $1", store)
                .iterator().next().getLong(0);
    }

    @Test
    void theServiceRoleIsNeitherOwnerNorSuperuserNorBypassing() {
        Row role = pool.query("SELECT r.rolsuper, r.rolbypassrls, pg_has_role(current_user, t.tableowner, 'MEMBER') AS owner "
                + "FROM pg_roles r, pg_tables t WHERE r.rolname = current_user AND t.schemaname = 'public' "
                + "AND t.tablename = 'stores'").execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertFalse(role.getBoolean("rolsuper"));
        assertFalse(role.getBoolean("rolbypassrls"));
        assertFalse(role.getBoolean("owner"));
    }

    @Test
    void anotherStoresScopeSeesNoneOfItsRows() {
        for (String spec : TABLES) {
            String table = spec.split(":")[0];
            String column = spec.split(":")[1];
            assertTrue(count(storeA, table, column, storeA) > 0, table + ": A's own rows are visible to A");
            assertEquals(0, count(storeA, table, column, storeB), table + ": B's rows are invisible to A");
            assertEquals(0, count("", table, column, storeA), table + ": an empty scope sees nothing");
            assertTrue(count("*", table, column, storeB) > 0, table + ": the system scope sees everything");
            long unscoped = pool.preparedQuery("SELECT count(*) FROM " + table).execute().await()
                    .atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
            assertEquals(0, unscoped, table + ": without any setting, nothing at all");
        }
    }

    @Test
    void anotherStoresRowsCanNeitherBeWrittenNorChanged() {
        Exception insert = assertThrows(Exception.class, () -> Sql.inScope(pool, storeA,
                "INSERT INTO traffic_events (store_id, event_id, sensor_id, occurred_at, in_count, out_count) "
                        + "VALUES ($1, 'forged', 'door-9', $2, 100, 0)", storeB, OffsetDateTime.now()));
        assertTrue(insert.getMessage().contains("row-level security"), insert.getMessage());
        assertEquals(0, Sql.inScope(pool, storeA, "UPDATE sales_events SET amount_minor = 0 WHERE store_id = $1", storeB).rowCount());
        assertEquals(0, Sql.inScope(pool, storeA, "DELETE FROM rollups WHERE store_id = $1", storeB).rowCount());
        assertEquals(0, Sql.inScope(pool, storeA, "UPDATE stores SET name = 'taken' WHERE id = $1", storeB).rowCount());
        assertTrue(count("*", "rollups", "store_id", storeB) > 0, "B's rollups are all still there");
    }
}

package com.retailintelligence.support;

import java.time.Duration;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Direct SQL for tests that compare what the API says with what PostgreSQL holds. It goes through the
 * service's own pool (its database role), so each statement runs in a transaction with the store scope of
 * every store ('*'), as the system would; RowLevelSecurityTest uses narrower ones.
 */
public final class Sql {

    private Sql() {
    }

    public static RowSet<Row> query(Pool pool, String sql, Object... params) {
        return inScope(pool, "*", sql, params);
    }

    /** Runs one statement with the store scope setting {@code scope} ("*", "a,b", or "" for none). */
    public static RowSet<Row> inScope(Pool pool, String scope, String sql, Object... params) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT set_config('retail.store_scope', $1, true)")
                .execute(Tuple.of(scope))
                .chain(() -> tx.preparedQuery(sql).execute(Tuple.from(params))))
                .await().atMost(Duration.ofSeconds(30));
    }

    public static long count(Pool pool, String sql, Object... params) {
        Row row = query(pool, sql, params).iterator().next();
        Long value = row.getLong(0);
        return value == null ? 0 : value;
    }
}

package com.retailintelligence.support;

import java.time.Duration;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Direct SQL for tests that compare what the API says with what PostgreSQL holds. */
public final class Sql {

    private Sql() {
    }

    public static RowSet<Row> query(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(30));
    }

    public static long count(Pool pool, String sql, Object... params) {
        Row row = query(pool, sql, params).iterator().next();
        Long value = row.getLong(0);
        return value == null ? 0 : value;
    }
}

package com.retailintelligence.db;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every statement on the store and event tables goes through here: it runs in a transaction whose first act
 * is {@code set_config('retail.store_scope', …, true)} — local to that transaction, never a session setting
 * on a pooled connection — so PostgreSQL's row-level security (V5) shows and accepts only the rows of the
 * scope's stores; with no setting, nothing. The application checks the same rule before (StoreScope); this
 * is the second lock. Background work that is not any principal's (sync, rebuild, look-ups shared by all
 * requests) runs with {@link #system}.
 */
@ApplicationScoped
public class ScopedSql {

    static final String SETTING = "retail.store_scope";
    private static final String SET_SCOPE = "SELECT set_config('" + SETTING + "', $1, true)";

    private final Pool pool;

    public ScopedSql(Pool pool) {
        this.pool = pool;
    }

    /** Runs the work in one transaction under the scope (several statements, one after the other). */
    public <T> Uni<T> inTransaction(StoreScope scope, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> conn.preparedQuery(SET_SCOPE).execute(Tuple.of(setting(scope)))
                .chain(() -> work.apply(conn)));
    }

    /** Puts a transaction the caller opened under the scope (for work that must share one transaction with other tables). */
    public Uni<Void> applyScope(SqlConnection tx, StoreScope scope) {
        return tx.preparedQuery(SET_SCOPE).execute(Tuple.of(setting(scope))).replaceWithVoid();
    }

    /** {@link #inTransaction} for work that is no principal's: every store. */
    public <T> Uni<T> system(Function<SqlConnection, Uni<T>> work) {
        return inTransaction(StoreScope.ALL, work);
    }

    /**
     * Work of exactly one statement under the scope. BEGIN, the scope, the statement and COMMIT are pipelined
     * on one connection, so this costs one round trip, not four: the work must send its one statement as soon
     * as it is subscribed to (as a repository method that runs one query does). A failing statement leaves the
     * transaction aborted, and the COMMIT then rolls it back.
     */
    public <T> Uni<T> single(StoreScope scope, Function<SqlConnection, Uni<T>> work) {
        return pool.withConnection(conn -> {
            Uni<RowSet<Row>> begin = conn.query("BEGIN").execute();
            Uni<RowSet<Row>> set = conn.preparedQuery(SET_SCOPE).execute(Tuple.of(setting(scope)));
            Uni<T> statement = work.apply(conn);
            Uni<RowSet<Row>> commit = conn.query("COMMIT").execute();
            return Uni.combine().all().unis(begin, set, statement, commit).collectFailures()
                    .with((b, s, result, c) -> result);
        }).onFailure(io.smallrye.mutiny.CompositeException.class)
                .transform(failure -> ((io.smallrye.mutiny.CompositeException) failure).getCauses().get(0));
    }

    /** {@link #single} for one prepared statement. */
    public Uni<RowSet<Row>> statement(StoreScope scope, String sql, Tuple arguments) {
        return single(scope, conn -> conn.preparedQuery(sql).execute(arguments));
    }

    /** The setting's value: {@code *} for every store, else the store ids joined by commas ('' = none). */
    static String setting(StoreScope scope) {
        return scope.allStores() ? "*" : String.join(",", scope.stores());
    }
}

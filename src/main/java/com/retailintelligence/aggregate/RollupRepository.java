package com.retailintelligence.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** PostgreSQL access to the rollups: change feed for the Redis sync, reads, and rebuilds from raw events. */
@ApplicationScoped
public class RollupRepository {

    private static final String ROLLUP_COLUMNS = "store_id, metric, bucket, bucket_start, local_day, value";

    public static final String REBUILD_TRAFFIC = RollupSql.rebuild("traffic_events", Metrics.TRAFFIC_SQL);
    private static final String REBUILD_SALES = RollupSql.rebuild("sales_events", Metrics.SALES_SQL);

    private static final String RANGE = "($1::text IS NULL OR store_id = $1) AND ($2::date IS NULL OR local_day >= $2) "
            + "AND ($3::date IS NULL OR local_day <= $3)";

    private final ScopedSql sql;

    /** Rollups are read and rebuilt by the system for every store (sync, rebuild); callers check scopes. */
    public RollupRepository(ScopedSql sql) {
        this.sql = sql;
    }

    /** Rollups changed after {@code since} (all when null) for local days from {@code firstDay}, and the read time. */
    public Uni<ChangedRollups> changedSince(Instant since, LocalDate firstDay) {
        // The right join yields one all-null row when nothing changed, so the read time always comes back.
        return sql.statement(StoreScope.ALL, "SELECT now() AS read_at, " + ROLLUP_COLUMNS + " FROM rollups "
                        + "RIGHT JOIN (SELECT 1) one ON updated_at > $1 AND local_day >= $2",
                        Tuple.of(since == null ? Instant.EPOCH.atOffset(ZoneOffset.UTC) : since.atOffset(ZoneOffset.UTC), firstDay))
                .map(rows -> {
                    Instant readAt = null;
                    List<RollupRow> changed = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        readAt = row.getOffsetDateTime("read_at").toInstant();
                        if (row.getString("store_id") != null) {
                            changed.add(toRollup(row));
                        }
                    }
                    return new ChangedRollups(readAt, changed);
                });
    }

    /** A store's rollups for one local day, for the given buckets. */
    public Uni<List<RollupRow>> forDay(String storeId, LocalDate day) {
        return sql.statement(StoreScope.ALL, "SELECT " + ROLLUP_COLUMNS + " FROM rollups WHERE store_id = $1 AND local_day = $2",
                        Tuple.of(storeId, day))
                .map(RollupRepository::toRollups);
    }

    /**
     * A store's hour and day rollups for some local days, read under the caller's scope (row-level security
     * behind the application's own check).
     */
    public Uni<List<RollupRow>> hoursAndTotals(StoreScope scope, String storeId, List<LocalDate> days) {
        LocalDate[] dayArray = days.toArray(LocalDate[]::new);
        return sql.statement(scope, "SELECT " + ROLLUP_COLUMNS + " FROM rollups WHERE store_id = $1 AND local_day = ANY($2) "
                        + "AND bucket = 'hour' UNION ALL SELECT " + ROLLUP_COLUMNS + " FROM rollups WHERE store_id = $1 "
                        + "AND local_day = ANY($2) AND bucket = 'day'", Tuple.of(storeId, dayArray))
                .map(RollupRepository::toRollups);
    }

    /** A store's minute rollups of some metrics from {@code from} (inclusive) to {@code to} (exclusive), under the scope. */
    public Uni<List<RollupRow>> minutes(StoreScope scope, String storeId, List<String> metrics, Instant from, Instant to) {
        return sql.statement(scope, "SELECT " + ROLLUP_COLUMNS + " FROM rollups WHERE store_id = $1 AND metric = ANY($2) "
                        + "AND bucket = 'minute' AND bucket_start >= $3 AND bucket_start < $4",
                        Tuple.of(storeId, metrics.toArray(String[]::new), from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                .map(RollupRepository::toRollups);
    }

    /** The day totals of some stores over a range of local days, under the caller's scope. */
    public Uni<List<RollupRow>> dayTotals(StoreScope scope, List<String> storeIds, LocalDate from, LocalDate to) {
        return sql.statement(scope, "SELECT " + ROLLUP_COLUMNS + " FROM rollups WHERE bucket = 'day' AND store_id = ANY($1) "
                        + "AND local_day BETWEEN $2 AND $3", Tuple.of(storeIds.toArray(String[]::new), from, to))
                .map(RollupRepository::toRollups);
    }

    /**
     * Recomputes the rollups of a range from the raw events in one transaction. Ingest statements wait
     * meanwhile (the table lock conflicts with their upserts), so no event is counted twice or missed.
     */
    public Uni<List<RollupRow>> rebuild(String storeId, LocalDate from, LocalDate to) {
        Tuple range = Tuple.of(storeId, from, to);
        return sql.system(tx -> tx.query("LOCK TABLE rollups IN SHARE ROW EXCLUSIVE MODE").execute()
                .chain(() -> tx.preparedQuery("DELETE FROM rollups WHERE " + RANGE).execute(range))
                .chain(() -> tx.preparedQuery(REBUILD_TRAFFIC).execute(range))
                .chain(() -> tx.preparedQuery(REBUILD_SALES).execute(range))
                .chain(() -> tx.preparedQuery("SELECT " + ROLLUP_COLUMNS + " FROM rollups WHERE " + RANGE).execute(range))
                .map(RollupRepository::toRollups));
    }

    /** Store-days in a range that have rollups (before a rebuild, to know which Redis keys to clear). */
    public Uni<List<StoreDay>> storeDays(String storeId, LocalDate from, LocalDate to) {
        return sql.statement(StoreScope.ALL, "SELECT DISTINCT store_id, local_day FROM rollups WHERE " + RANGE,
                        Tuple.of(storeId, from, to))
                .map(rows -> {
                    List<StoreDay> days = new ArrayList<>(rows.size());
                    rows.forEach(row -> days.add(new StoreDay(row.getString("store_id"), row.getLocalDate("local_day"))));
                    return days;
                });
    }

    public static List<RollupRow> toRollups(RowSet<Row> rows) {
        List<RollupRow> rollups = new ArrayList<>(rows.size());
        rows.forEach(row -> rollups.add(toRollup(row)));
        return rollups;
    }

    public static RollupRow toRollup(Row row) {
        return new RollupRow(row.getString("store_id"), row.getString("metric"), Bucket.fromKey(row.getString("bucket")),
                row.getOffsetDateTime("bucket_start").toInstant(), row.getLocalDate("local_day"), row.getLong("value"));
    }

    /** Rollups read by a sync, and the database time of the read. */
    public record ChangedRollups(Instant readAt, List<RollupRow> rows) {
    }

    /** A store-local day. */
    public record StoreDay(String storeId, LocalDate day) {
    }
}

package com.retailintelligence.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the time-driven rules read: sums of minute rollups over time windows (by the rollups' primary key, a range
 * scan), day totals, and when sensors last reported. Every read is in system scope: the engine works for every store.
 */
@ApplicationScoped
public class WindowReads {

    private static final String SUMS = "SELECT metric, coalesce(sum(value), 0) FROM rollups WHERE store_id = $1 AND bucket = 'minute' "
            + "AND metric = ANY($2) AND bucket_start >= $3 AND bucket_start < $4 GROUP BY metric";
    private static final String WINDOWS = "SELECT w.n, "
            + "(SELECT coalesce(sum(r.value), 0) FROM rollups r WHERE r.store_id = $1 AND r.metric = 'visitors' AND r.bucket = 'minute' "
            + "AND r.bucket_start >= w.from_at AND r.bucket_start < w.to_at), "
            + "(SELECT coalesce(sum(r.value), 0) FROM rollups r WHERE r.store_id = $1 AND r.metric = 'visitors' AND r.bucket = 'day' "
            + "AND r.local_day = w.day) "
            + "FROM unnest($2::timestamptz[], $3::timestamptz[], $4::date[]) WITH ORDINALITY AS w (from_at, to_at, day, n) ORDER BY w.n";
    private static final String DAY = "SELECT metric, value FROM rollups WHERE store_id = $1 AND bucket = 'day' AND local_day = $2 "
            + "AND metric = ANY($3)";
    private static final String SENSORS = "SELECT sensor_id, last_seen FROM sensor_last_seen WHERE store_id = $1 AND last_seen >= $2 "
            + "ORDER BY sensor_id";

    private final ScopedSql sql;

    public WindowReads(ScopedSql sql) {
        this.sql = sql;
    }

    /** The metrics' sums over the minutes starting in [from, to); a metric without rollups is 0. */
    Uni<Map<String, Long>> sums(String storeId, List<String> metrics, Instant from, Instant to) {
        return sql.statement(com.retailintelligence.access.StoreScope.ALL, SUMS, Tuple.of(storeId, metrics.toArray(String[]::new),
                AlertGuard.utc(from), AlertGuard.utc(to))).map(rows -> {
                    Map<String, Long> sums = new LinkedHashMap<>();
                    metrics.forEach(metric -> sums.put(metric, 0L));
                    rows.forEach(row -> sums.put(row.getString(0), row.getLong(1)));
                    return sums;
                });
    }

    /** One window of visitors: its sum and the total of the local day it lies in. */
    record WindowVisitors(long visitors, long dayVisitors) {
    }

    /** The visitors of each window [froms[i], tos[i]) with the totals of days[i], in order. */
    Uni<List<WindowVisitors>> windows(String storeId, List<Instant> froms, List<Instant> tos, List<LocalDate> days) {
        return sql.statement(com.retailintelligence.access.StoreScope.ALL, WINDOWS, Tuple.of(storeId,
                froms.stream().map(AlertGuard::utc).toArray(OffsetDateTime[]::new),
                tos.stream().map(AlertGuard::utc).toArray(OffsetDateTime[]::new), days.toArray(LocalDate[]::new))).map(rows -> {
                    List<WindowVisitors> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new WindowVisitors(row.getLong(1), row.getLong(2)));
                    }
                    return list;
                });
    }

    /** Day totals of the metrics (0 when none). */
    Uni<Map<String, Long>> day(String storeId, LocalDate day, List<String> metrics) {
        return sql.statement(com.retailintelligence.access.StoreScope.ALL, DAY, Tuple.of(storeId, day, metrics.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> totals = new LinkedHashMap<>();
                    metrics.forEach(metric -> totals.put(metric, 0L));
                    rows.forEach(row -> totals.put(row.getString(0), row.getLong(1)));
                    return totals;
                });
    }

    /** The sensors that reported since {@code since}, with when they last did. */
    Uni<Map<String, Instant>> sensorsSeenSince(String storeId, Instant since) {
        return sql.statement(com.retailintelligence.access.StoreScope.ALL, SENSORS, Tuple.of(storeId, AlertGuard.utc(since)))
                .map(rows -> {
                    Map<String, Instant> seen = new LinkedHashMap<>();
                    rows.forEach(row -> seen.put(row.getString(0), row.getOffsetDateTime(1).toInstant()));
                    return seen;
                });
    }
}

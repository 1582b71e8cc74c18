package com.retailintelligence.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the time-driven rules read and record: sums of minute rollups over time windows (by the rollups' primary key, a
 * range scan), when sensors last reported, and which traffic window of a rule was judged last. All in system scope:
 * the engine works for every store.
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
    private static final String JUDGE_WINDOW = "INSERT INTO alert_rule_windows AS w (rule_id, store_id, last_window_end, streak) "
            + "VALUES ($1, $2, $3, CASE WHEN $4 THEN 1 ELSE 0 END) ON CONFLICT (rule_id) DO UPDATE SET last_window_end = EXCLUDED.last_window_end, "
            + "streak = CASE WHEN $4 AND w.last_window_end >= $3::timestamptz - $5 * interval '1 minute' THEN w.streak + 1 "
            + "WHEN $4 THEN 1 ELSE 0 END WHERE w.last_window_end < EXCLUDED.last_window_end RETURNING streak";
    private static final String SENSORS = "SELECT sensor_id, last_seen FROM sensor_last_seen WHERE store_id = $1 AND last_seen >= $2 "
            + "ORDER BY sensor_id";

    private final ScopedSql sql;

    public WindowReads(ScopedSql sql) {
        this.sql = sql;
    }

    /**
     * The metrics' sums over the minutes that overlap [from, to) — the minute {@code from} falls in counts whole, or an
     * event late in that minute would drop out of a window that still covers most of it; a metric without rollups is 0.
     */
    Uni<Map<String, Long>> sums(String storeId, List<String> metrics, Instant from, Instant to) {
        return sql.statement(StoreScope.ALL, SUMS, Tuple.of(storeId, metrics.toArray(String[]::new),
                AlertGuard.utc(from.truncatedTo(ChronoUnit.MINUTES)), AlertGuard.utc(to))).map(rows -> {
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
        return sql.statement(StoreScope.ALL, WINDOWS, Tuple.of(storeId,
                froms.stream().map(AlertGuard::utc).toArray(OffsetDateTime[]::new),
                tos.stream().map(AlertGuard::utc).toArray(OffsetDateTime[]::new), days.toArray(LocalDate[]::new))).map(rows -> {
                    List<WindowVisitors> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new WindowVisitors(row.getLong(1), row.getLong(2)));
                    }
                    return list;
                });
    }

    /**
     * Records that the rule's window ending at {@code end} was judged ({@code outside}: out of range) and yields how many
     * windows in a row have been out of range, 0 when this one is not; null when this window was judged already (by
     * another replica, or an earlier check): {@code last_window_end} only moves forward.
     */
    Uni<Integer> judgeWindow(long ruleId, String storeId, Instant end, boolean outside, int windowMinutes) {
        return sql.statement(StoreScope.ALL, JUDGE_WINDOW, Tuple.tuple(List.of(ruleId, storeId, AlertGuard.utc(end), outside, windowMinutes)))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getInteger(0));
    }

    /** The sensors that reported since {@code since}, with when they last did. */
    Uni<Map<String, Instant>> sensorsSeenSince(String storeId, Instant since) {
        return sql.statement(StoreScope.ALL, SENSORS, Tuple.of(storeId, AlertGuard.utc(since)))
                .map(rows -> {
                    Map<String, Instant> seen = new LinkedHashMap<>();
                    rows.forEach(row -> seen.put(row.getString(0), row.getOffsetDateTime(1).toInstant()));
                    return seen;
                });
    }
}

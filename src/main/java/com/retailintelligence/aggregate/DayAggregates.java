package com.retailintelligence.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One store-local day of rollups: per-bucket values of some metrics, and the day totals. */
public record DayAggregates(Map<String, Map<Instant, Long>> series, Map<String, Long> totals) {

    public long total(String metric) {
        return totals.getOrDefault(metric, 0L);
    }

    public long at(String metric, Instant bucketStart) {
        Map<Instant, Long> values = series.get(metric);
        return values == null ? 0L : values.getOrDefault(bucketStart, 0L);
    }

    /** Builds the aggregates of one bucket size from PostgreSQL rollup rows. */
    public static DayAggregates fromRows(List<RollupRow> rows, Bucket bucket) {
        Map<String, Map<Instant, Long>> series = new HashMap<>();
        Map<String, Long> totals = new HashMap<>();
        for (RollupRow row : rows) {
            if (row.bucket() == Bucket.DAY) {
                totals.put(row.metric(), row.value());
            } else if (row.bucket() == bucket) {
                series.computeIfAbsent(row.metric(), m -> new HashMap<>()).put(row.bucketStart(), row.value());
            }
        }
        return new DayAggregates(series, totals);
    }

    /** The start of every bucket of a local day, in order (23 or 25 hours on DST change days). */
    public static List<Instant> bucketStarts(LocalDate day, ZoneId zone, Bucket bucket) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> starts = new ArrayList<>(bucket == Bucket.MINUTE ? 1500 : 25);
        if (bucket == Bucket.DAY) {
            starts.add(start);
            return starts;
        }
        // Local hour and minute boundaries are whole steps apart in absolute time, DST changes included
        // (they shift clocks by whole hours; Lord Howe Island's half-hour shift is the one exception).
        for (Instant t = start; t.isBefore(end); t = t.plus(bucket.length())) {
            starts.add(t);
        }
        return starts;
    }
}

package com.retailintelligence.aggregate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The day totals (absolute, as of a statement) found among rollup rows, by store, local day and metric. */
public final class DayTotals {

    private final Map<String, Long> values = new HashMap<>();

    public static DayTotals of(List<RollupRow> rows) {
        DayTotals totals = new DayTotals();
        for (RollupRow row : rows) {
            if (row.bucket() == Bucket.DAY) {
                totals.values.put(key(row.storeId(), row.localDay(), row.metric()), row.value());
            }
        }
        return totals;
    }

    public long get(String storeId, LocalDate day, String metric) {
        return values.getOrDefault(key(storeId, day, metric), 0L);
    }

    private static String key(String storeId, LocalDate day, String metric) {
        return storeId + '\u0000' + day + '\u0000' + metric;
    }
}

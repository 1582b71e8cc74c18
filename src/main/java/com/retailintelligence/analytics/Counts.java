package com.retailintelligence.analytics;

import java.util.Map;

import com.retailintelligence.aggregate.Metrics;

/** The raw sums every figure is derived from, for a day, an hour or a period; money in minor units. */
public record Counts(long visitors, long exits, long transactions, long items, long grossMinor, long refundsMinor, long refundCount) {

    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

    /** From rollup values by metric name (a missing metric is 0). */
    public static Counts of(Map<String, Long> values) {
        return new Counts(get(values, Metrics.VISITORS), get(values, Metrics.EXITS), get(values, Metrics.TRANSACTIONS),
                get(values, Metrics.ITEMS), get(values, Metrics.GROSS), get(values, Metrics.REFUNDS), get(values, Metrics.REFUND_COUNT));
    }

    /** The sums behind figures (of a period: the ratios are derived again from these). */
    public static Counts of(Figures f) {
        return new Counts(f.visitors(), f.exits(), f.transactions(), f.items(), f.grossSalesMinor(), f.refundsMinor(), f.refundCount());
    }

    private static long get(Map<String, Long> values, String metric) {
        Long value = values.get(metric);
        return value == null ? 0 : value;
    }

    public Counts plus(Counts other) {
        return new Counts(visitors + other.visitors, exits + other.exits, transactions + other.transactions, items + other.items,
                grossMinor + other.grossMinor, refundsMinor + other.refundsMinor, refundCount + other.refundCount);
    }

    /** Net revenue: gross sales minus refunds. */
    public long revenueMinor() {
        return grossMinor - refundsMinor;
    }

    /** Whether anything at all was counted. */
    public boolean isEmpty() {
        return equals(ZERO);
    }
}

package com.retailintelligence.sales;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A store-local day of sales: the series per bucket and the day's totals; money as exact decimal strings. */
@RegisterForReflection
public record SalesDay(String storeId, LocalDate date, String timezone, String bucket, String currency, List<Point> series,
        Totals totals) {

    /** One bucket: transactions (sales, refunds not counted), net revenue and refunds. */
    @RegisterForReflection
    public record Point(OffsetDateTime start, long transactions, String revenue, String refunds) {
    }

    /** revenue = gross sales − refunds; revenueMinor is the same in minor units (cents). */
    @RegisterForReflection
    public record Totals(long transactions, String revenue, long revenueMinor, String grossSales, String refunds,
            long refundCount, long items, String currency) {
    }
}

package com.retailintelligence.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The day across every store the caller may see (GET /api/v1/analytics/summary): each store's figures, the
 * totals (money per currency: amounts in different currencies are never added), and rankings.
 */
@RegisterForReflection
public record ChainSummary(LocalDate date, int storeCount, List<StoreFigures> stores, Totals totals, Rankings rankings) {

    /** One store's day; {@code date} is the requested one, or the store's own local today. */
    @RegisterForReflection
    public record StoreFigures(String storeId, String name, LocalDate date, String timezone, Figures figures) {
    }

    @RegisterForReflection
    public record Totals(long visitors, long exits, long transactions, long items, Double conversionRate, Double upt,
            List<CurrencyTotals> byCurrency) {
    }

    @RegisterForReflection
    public record CurrencyTotals(String currency, int stores, String revenue, long revenueMinor, String grossSales, String refunds,
            String atv, String salesPerVisitor) {
    }

    /** The top stores by visitors, by revenue (per currency) and by conversion rate (stores with visitors only). */
    @RegisterForReflection
    public record Rankings(List<Rank> visitors, Map<String, List<Rank>> revenue, List<Rank> conversionRate) {
    }

    @RegisterForReflection
    public record Rank(int rank, String storeId, String name, Object value) {
    }
}

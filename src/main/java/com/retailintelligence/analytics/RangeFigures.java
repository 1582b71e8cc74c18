package com.retailintelligence.analytics;

import java.time.LocalDate;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A store's figures per day, ISO week or local calendar month over a range of at most 400 days
 * (GET /api/v1/analytics/{storeId}/range), for BI tools. A period cut by the range counts only its days inside it.
 */
@RegisterForReflection
public record RangeFigures(String storeId, LocalDate from, LocalDate to, String bucket, String timezone, String currency,
        List<Period> periods, Figures total) {

    /** One period: its label (2026-12-02, 2026-W49, 2026-12), its first and last day within the range, figures and busiest day. */
    @RegisterForReflection
    public record Period(String period, LocalDate from, LocalDate to, int days, Figures figures, BusiestDay busiestDay) {
    }

    /** The period's day with the most visitors (the earliest on a tie); null without visitors. */
    @RegisterForReflection
    public record BusiestDay(LocalDate date, long visitors) {
    }
}

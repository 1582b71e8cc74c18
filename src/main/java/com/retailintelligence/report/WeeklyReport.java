package com.retailintelligence.report;

import java.time.LocalDate;
import java.util.List;

import com.retailintelligence.analytics.Figures;
import com.retailintelligence.analytics.RangeFigures;
import com.retailintelligence.analytics.Summary;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The weekly report of a store: an ISO week's figures, its days, and the comparison with the week before and 52 weeks
 * before. A week not over yet is compared day for day: the other weeks' days up to {@code comparedUntil}'s weekday.
 */
@RegisterForReflection
public record WeeklyReport(String kind, String storeId, String storeName, String week, LocalDate from, LocalDate to, String timezone,
        String currency, Figures figures, List<RangeFigures.Period> days, LocalDate comparedUntil, Comparisons comparison,
        List<Long> previousWeekVisitors) {

    @RegisterForReflection
    public record Comparisons(Summary.Comparison previousWeek, Summary.Comparison lastYear) {
    }
}

package com.retailintelligence.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A store's day at a glance (GET /api/v1/analytics/{storeId}/summary): its figures, the same for its opening
 * hours, the comparison with the same weekday last week and last year, the forecast and the targets.
 */
@RegisterForReflection
public record Summary(String storeId, String storeName, LocalDate date, String timezone, String currency, boolean today,
        OffsetDateTime asOf, Figures figures, OpenHours openHours, Comparisons comparison, Forecast forecast, Targets targets) {

    /** The figures of the opening hours alone; null in the summary when the weekday has none set. */
    @RegisterForReflection
    public record OpenHours(String opens, String closes, boolean closed, Figures figures) {
    }

    @RegisterForReflection
    public record Comparisons(Comparison lastWeek, Comparison lastYear) {
    }

    /** The figures of the day compared with: per figure its value there, the change and the change in percent (null without data). */
    @RegisterForReflection
    public record Comparison(LocalDate date, boolean hasData, Map<String, Change> figures) {
    }

    /** {@code value} of the compared day; {@code change} = this day's − that; money as decimal strings. */
    @RegisterForReflection
    public record Change(Object value, Object change, Double changePercent) {
    }

    /**
     * Expected visitors and revenue, from the same weekday of up to 8 previous weeks (docs/analytics.md). {@code hours}
     * lists the hours of the day not over yet; {@code onTrack} is actual ÷ expected for the part of the day gone by.
     */
    @RegisterForReflection
    public record Forecast(String method, int weeksUsed, List<LocalDate> daysUsed, Expected day, List<ExpectedHour> hours,
            OnTrack onTrack) {
    }

    @RegisterForReflection
    public record Expected(long visitors, String revenue, long revenueMinor) {
    }

    @RegisterForReflection
    public record ExpectedHour(OffsetDateTime start, String hour, double visitors, String revenue, long revenueMinor) {
    }

    /** Actual ÷ expected so far ({@code expectedVisitors}, {@code expectedRevenueMinor}); null where nothing was expected. */
    @RegisterForReflection
    public record OnTrack(Double visitors, Double revenue, double expectedVisitors, long expectedRevenueMinor) {
    }

    /** The day's targets (its weekday's), each with the actual value and attainment = actual ÷ target. */
    @RegisterForReflection
    public record Targets(String weekday, Attainment visitors, Attainment revenue, Attainment conversionRate) {
    }

    @RegisterForReflection
    public record Attainment(Object target, Object actual, Double attainment) {
    }
}

package com.retailintelligence.analytics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The periods of a range read: local days, ISO weeks (Monday to Sunday) and local calendar months. */
public enum RangeBucket {
    DAY, WEEK, MONTH;

    /** The pattern the {@code bucket} parameter must match. */
    public static final String PATTERN = "day|week|month";

    public static RangeBucket of(String value) {
        return value == null || value.isBlank() ? DAY : valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first day of the period containing {@code day}. */
    LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The last day of the period starting at {@code start}. */
    LocalDate end(LocalDate start) {
        return switch (this) {
            case DAY -> start;
            case WEEK -> start.plusDays(6);
            case MONTH -> YearMonth.from(start).atEndOfMonth();
        };
    }

    /** The period's label: 2026-12-02, 2026-W49 (ISO week-based year), 2026-12. */
    public String label(LocalDate start) {
        return switch (this) {
            case DAY -> start.toString();
            case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(start).toString();
        };
    }
}

package com.retailintelligence.analytics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A store-local day per hour (GET /api/v1/analytics/{storeId}/hourly): the conversion curve; 23 or 25 hours on DST days. */
@RegisterForReflection
public record HourlyFigures(String storeId, LocalDate date, String timezone, String currency, List<Hour> hours) {

    /** One local hour; {@code open} is false outside the opening hours of the weekday (true when none are set). */
    @RegisterForReflection
    public record Hour(OffsetDateTime start, String hour, boolean open, long visitors, long exits, long transactions, long items,
            String revenue, long revenueMinor, Double conversionRate) {
    }
}

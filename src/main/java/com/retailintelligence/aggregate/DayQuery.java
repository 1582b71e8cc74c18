package com.retailintelligence.aggregate;

import java.time.LocalDate;
import java.time.ZoneId;

import com.retailintelligence.validation.QueryValues;

/** The {@code date} and {@code bucket} query parameters of the daily series reads, already checked by their constraints. */
public record DayQuery(LocalDate date, Bucket bucket) {

    /** The pattern the {@code bucket} parameter must match. */
    public static final String BUCKETS = "(hour|minute)?";

    /** {@code date} (an {@code @IsoDate}) defaults to the store's today, {@code bucket} to hour. */
    public static DayQuery of(String date, String bucket, ZoneId zone) {
        LocalDate day = date == null || date.isBlank() ? LocalDate.now(zone) : QueryValues.date(date);
        return new DayQuery(day, "minute".equals(bucket) ? Bucket.MINUTE : Bucket.HOUR);
    }
}

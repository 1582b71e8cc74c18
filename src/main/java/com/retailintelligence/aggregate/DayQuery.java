package com.retailintelligence.aggregate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.retailintelligence.problem.Problem;

/** The {@code date} and {@code bucket} query parameters of the daily series reads, checked. */
public record DayQuery(LocalDate date, Bucket bucket, List<Problem.FieldError> errors) {

    /** {@code date} defaults to the store's today, {@code bucket} to hour. */
    public static DayQuery parse(String date, String bucket, ZoneId zone) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate day = LocalDate.now(zone);
        if (date != null && !date.isBlank()) {
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("date", "must be a date such as 2026-11-26"));
            }
        }
        Bucket size = Bucket.HOUR;
        if (bucket != null && !bucket.isBlank()) {
            if ("minute".equals(bucket)) {
                size = Bucket.MINUTE;
            } else if (!"hour".equals(bucket)) {
                errors.add(new Problem.FieldError("bucket", "must be hour or minute"));
            }
        }
        return new DayQuery(day, size, errors);
    }
}

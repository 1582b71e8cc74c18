package com.retailintelligence.traffic;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A store-local day of foot traffic: the series per bucket and the day's totals. */
@RegisterForReflection
public record TrafficDay(String storeId, LocalDate date, String timezone, String bucket, List<Point> series, Totals totals) {

    /** One bucket: people in, people out, and occupancy at its end. */
    @RegisterForReflection
    public record Point(OffsetDateTime start, long visitors, long exits, long occupancy) {
    }

    /** Occupancy is in minus out since the local day's start, never below 0. */
    @RegisterForReflection
    public record Totals(long visitors, long exits, long occupancy) {
    }
}

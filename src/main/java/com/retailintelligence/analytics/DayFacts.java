package com.retailintelligence.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.retailintelligence.aggregate.Bucket;
import com.retailintelligence.aggregate.DayAggregates;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.aggregate.RollupRow;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What is known of one store-local day: the day totals and the hour values by metric (hour start in epoch
 * seconds), and the peak occupancy (from the minute values). The unit analytics compute from and cache.
 */
@RegisterForReflection
public record DayFacts(LocalDate day, Map<String, Long> totals, Map<String, Map<Long, Long>> hours, Long peakOccupancy,
        Long peakOccupancyAt) {

    static final DateTimeFormatter HOUR_LABEL = DateTimeFormatter.ofPattern("HH:00");

    /** From the rollup rows of the day (hour and day buckets; minute traffic rows for the peak occupancy, if any). */
    public static DayFacts of(LocalDate day, List<RollupRow> rows) {
        Map<String, Long> totals = new HashMap<>();
        Map<String, Map<Long, Long>> hours = new HashMap<>();
        Map<Long, long[]> minutes = new java.util.TreeMap<>();
        for (RollupRow row : rows) {
            if (!row.localDay().equals(day)) {
                continue;
            }
            switch (row.bucket()) {
                case DAY -> totals.put(row.metric(), row.value());
                case HOUR -> hours.computeIfAbsent(row.metric(), m -> new HashMap<>()).put(row.bucketStart().getEpochSecond(), row.value());
                case MINUTE -> {
                    long[] inOut = minutes.computeIfAbsent(row.bucketStart().getEpochSecond(), m -> new long[2]);
                    if (Metrics.VISITORS.equals(row.metric())) {
                        inOut[0] += row.value();
                    } else if (Metrics.EXITS.equals(row.metric())) {
                        inOut[1] += row.value();
                    }
                }
            }
        }
        return withPeak(day, totals, hours, minutes);
    }

    /** From the live aggregates of Redis: hour series and totals, and minute traffic series. */
    public static DayFacts of(LocalDate day, DayAggregates hourly, DayAggregates minutely) {
        Map<String, Map<Long, Long>> hours = new HashMap<>();
        hourly.series().forEach((metric, values) -> {
            Map<Long, Long> byStart = new HashMap<>();
            values.forEach((start, value) -> byStart.put(start.getEpochSecond(), value));
            hours.put(metric, byStart);
        });
        Map<Long, long[]> minutes = new java.util.TreeMap<>();
        minutely.series().getOrDefault(Metrics.VISITORS, Map.of())
                .forEach((start, value) -> minutes.computeIfAbsent(start.getEpochSecond(), m -> new long[2])[0] += value);
        minutely.series().getOrDefault(Metrics.EXITS, Map.of())
                .forEach((start, value) -> minutes.computeIfAbsent(start.getEpochSecond(), m -> new long[2])[1] += value);
        return withPeak(day, new HashMap<>(hourly.totals()), hours, minutes);
    }

    /** Occupancy after each minute is max(0, in − out so far), as the live feed and the day series count it. */
    private static DayFacts withPeak(LocalDate day, Map<String, Long> totals, Map<String, Map<Long, Long>> hours,
            Map<Long, long[]> minutesInOrder) {
        long in = 0;
        long out = 0;
        Long peak = null;
        Long peakAt = null;
        for (Map.Entry<Long, long[]> minute : minutesInOrder.entrySet()) {
            in += minute.getValue()[0];
            out += minute.getValue()[1];
            long occupancy = Math.max(0, in - out);
            if (peak == null || occupancy > peak) {
                peak = occupancy;
                peakAt = minute.getKey();
            }
        }
        return new DayFacts(day, totals, hours, peak, peakAt);
    }

    /** Whether the day has any rollups at all (a day before the store's data began has none). */
    public boolean hasData() {
        return !totals.isEmpty();
    }

    public Counts counts() {
        return Counts.of(totals);
    }

    /** The sums of one hour (by its start). */
    public Counts hour(Instant start) {
        Map<String, Long> values = new HashMap<>();
        hours.forEach((metric, byStart) -> {
            Long value = byStart.get(start.getEpochSecond());
            if (value != null) {
                values.put(metric, value);
            }
        });
        return Counts.of(values);
    }

    /** The starts of the day's local hours, in order (23 or 25 on DST change days). */
    public List<Instant> hourStarts(ZoneId zone) {
        return DayAggregates.bucketStarts(day, zone, Bucket.HOUR);
    }

    /** The sums of the hours whose start passes the filter. */
    public Counts hours(ZoneId zone, Predicate<Instant> include) {
        Counts sum = Counts.ZERO;
        for (Instant start : hourStarts(zone)) {
            if (include.test(start)) {
                sum = sum.plus(hour(start));
            }
        }
        return sum;
    }

    /** The day's figures. */
    public Figures figures(ZoneId zone, String currency) {
        Figures.PeakOccupancy peak = peakOccupancy == null ? null
                : new Figures.PeakOccupancy(peakOccupancy, Instant.ofEpochSecond(peakOccupancyAt).atZone(zone).toOffsetDateTime());
        return Figures.ofDay(counts(), currency, peak, peakHour(zone));
    }

    /** One metric's value in the hour starting at {@code start} (0 when none). */
    private long value(String metric, Instant start) {
        Map<Long, Long> byStart = hours.get(metric);
        Long value = byStart == null ? null : byStart.get(start.getEpochSecond());
        return value == null ? 0 : value;
    }

    /** The hour with the most visitors (the earliest on a tie), or null on a day without visitors. */
    Figures.PeakHour peakHour(ZoneId zone) {
        Instant best = null;
        long most = 0;
        for (Instant start : hourStarts(zone)) {
            long visitors = value(Metrics.VISITORS, start);
            if (visitors > most) {
                most = visitors;
                best = start;
            }
        }
        return best == null ? null : new Figures.PeakHour(HOUR_LABEL.format(best.atZone(zone)), best.atZone(zone).toOffsetDateTime(), most);
    }

    /** Visitors per local hour of the day (0-23; both halves of a repeated DST hour summed), for forecasts. */
    long[] visitorsByHourOfDay(ZoneId zone) {
        return byHourOfDay(zone, false);
    }

    /** Net revenue (minor units) per local hour of the day (0-23), for forecasts. */
    long[] revenueByHourOfDay(ZoneId zone) {
        return byHourOfDay(zone, true);
    }

    private long[] byHourOfDay(ZoneId zone, boolean revenue) {
        long[] values = new long[24];
        for (Instant start : hourStarts(zone)) {
            values[start.atZone(zone).getHour()] += revenue ? value(Metrics.GROSS, start) - value(Metrics.REFUNDS, start)
                    : value(Metrics.VISITORS, start);
        }
        return values;
    }
}

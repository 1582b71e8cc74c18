package com.retailintelligence.analytics;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * A store's opening hours and daily targets, per weekday in its local time. A weekday missing from
 * {@code openingHours} has none set (the whole day counts as open); one missing from {@code targets} has no target.
 */
public record StoreSettings(Map<DayOfWeek, OpeningDay> openingHours, Map<DayOfWeek, Target> targets) {

    public static final StoreSettings NONE = new StoreSettings(Map.of(), Map.of());

    /** One weekday's hours, whole local hours from {@code opensHour} to {@code closesHour} (24 = midnight); closed when both are null. */
    public record OpeningDay(Integer opensHour, Integer closesHour) {

        public boolean closed() {
            return opensHour == null;
        }

        /** Whether the local hour starting at {@code start} is within the opening hours. */
        public boolean includes(Instant start, ZoneId zone) {
            int hour = start.atZone(zone).getHour();
            return !closed() && hour >= opensHour && hour < closesHour;
        }

        public String opens() {
            return closed() ? null : label(opensHour);
        }

        public String closes() {
            return closed() ? null : label(closesHour);
        }

        private static String label(int hour) {
            return String.format("%02d:00", hour);
        }
    }

    /** One weekday's targets; each may be null (not set). */
    public record Target(Long visitors, Long revenueMinor, BigDecimal conversionRate) {
    }

    /** The opening hours of a date's weekday, or null when none are set. */
    public OpeningDay openingDay(LocalDate date) {
        return openingHours.get(date.getDayOfWeek());
    }

    public Target target(LocalDate date) {
        return targets.get(date.getDayOfWeek());
    }
}

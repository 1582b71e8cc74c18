package com.retailintelligence.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/**
 * The demo's model of a day looks like a shop: opening hours, peaks, 15-35 % conversion, an empty shop at night;
 * days follow their weekday, with noise and yearly growth; coarse history windows give the same days.
 */
class DemoTrafficTest {

    private static final long WINDOW = 15;

    @Test
    void aWholeDayPerStore() {
        for (DemoStore store : DemoStore.ALL) {
            LocalDate day = LocalDate.of(2026, 11, 26);
            Instant start = day.atStartOfDay(store.zone()).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(store.zone()).toInstant();
            long in = 0;
            long out = 0;
            long sales = 0;
            long[] perHour = new long[24];
            long minOccupancy = 0;
            for (Instant w = start; w.isBefore(end); w = w.plusSeconds(WINDOW)) {
                for (int door = 1; door <= DemoStore.DOORS; door++) {
                    int entering = DemoTraffic.entering(store, w, WINDOW, door);
                    in += entering;
                    out += DemoTraffic.leaving(store, w, WINDOW, door);
                    perHour[w.atZone(store.zone()).getHour()] += entering;
                }
                sales += DemoTraffic.sales(store, w, WINDOW);
                minOccupancy = Math.min(minOccupancy, in - out);
            }
            assertEquals(in, out, store.id() + ": everyone who came in has left by midnight");
            assertEquals(0, minOccupancy, store.id() + ": occupancy never goes below zero");
            assertEquals(0, perHour[8] + perHour[21], store.id() + ": nobody enters outside opening hours");
            assertTrue(perHour[13] > perHour[10] && perHour[18] > perHour[15], store.id() + ": lunch and evening peaks");
            double conversion = (double) sales / in;
            assertTrue(conversion >= 0.15 && conversion <= 0.35, store.id() + ": conversion " + conversion);
        }
    }

    @Test
    void weekdaysNoiseAndGrowth() {
        LocalDate monday = LocalDate.of(2026, 3, 2);
        for (DemoStore store : DemoStore.ALL) {
            double[] perWeekday = new double[7];
            double yearOnYear = 0;
            for (int d = 0; d < 8 * 7; d++) {
                LocalDate day = monday.plusDays(d);
                double factor = DemoTraffic.dayFactor(store, day);
                perWeekday[d % 7] += factor / 8;
                yearOnYear += factor / DemoTraffic.dayFactor(store, day.minusDays(364)) / (8 * 7);
                assertEquals(factor, DemoTraffic.dayFactor(store, day), "the same day, the same factor");
            }
            assertTrue(perWeekday[5] > perWeekday[4] && perWeekday[4] > perWeekday[0] && perWeekday[6] < perWeekday[0],
                    store.id() + ": Saturday busiest, then Friday; Sunday quietest");
            assertTrue(yearOnYear > 1.03 && yearOnYear < 1.11, store.id() + ": about 7 % up on a year earlier: " + yearOnYear);
        }
    }

    @Test
    void fiveMinuteWindowsGiveTheSameDays() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        for (DemoStore store : DemoStore.ALL) {
            long[] fine = new long[3];
            long[] coarse = new long[3];
            for (int d = 0; d < 7; d++) {
                long[] fineDay = day(store, monday.plusDays(d), WINDOW);
                long[] coarseDay = day(store, monday.plusDays(d), DemoHistory.WINDOW_SECONDS);
                assertEquals(coarseDay[0], coarseDay[1], store.id() + ": everyone leaves");
                for (int i = 0; i < 3; i++) {
                    fine[i] += fineDay[i];
                    coarse[i] += coarseDay[i];
                }
            }
            // Poisson noise only: a week is some 25,000 to 45,000 visitors and 5,000 to 14,000 sales per store.
            assertEquals(1.0, (double) coarse[0] / fine[0], 0.03, store.id() + ": visitors");
            assertEquals(1.0, (double) coarse[2] / fine[2], 0.05, store.id() + ": sales");
        }
    }

    /** Visitors, exits and sales of a store-day in windows of {@code seconds}. */
    private static long[] day(DemoStore store, LocalDate day, long seconds) {
        long[] totals = new long[3];
        Instant end = day.plusDays(1).atStartOfDay(store.zone()).toInstant();
        for (Instant w = day.atStartOfDay(store.zone()).toInstant(); w.isBefore(end); w = w.plusSeconds(seconds)) {
            for (int door = 1; door <= DemoStore.DOORS; door++) {
                totals[0] += DemoTraffic.entering(store, w, seconds, door);
                totals[1] += DemoTraffic.leaving(store, w, seconds, door);
            }
            totals[2] += DemoTraffic.sales(store, w, seconds);
        }
        return totals;
    }

    @Test
    void sameWindowSameNumbers() {
        DemoStore store = DemoStore.ALL[0];
        Instant w = Instant.parse("2026-11-26T13:00:00Z");
        assertEquals(DemoTraffic.entering(store, w, WINDOW, 1), DemoTraffic.entering(store, w, WINDOW, 1));
        assertEquals(DemoTraffic.amountMinor(store, w, 3), DemoTraffic.amountMinor(store, w, 3));
    }

    /** The demo's alert rule (occupancy at 100 % of capacity) has something to show: each store's peaks pass capacity. */
    @Test
    void eachStoresPeakPassesItsCapacityOnAWeekdayButNotAllDay() {
        for (DemoStore store : DemoStore.ALL) {
            LocalDate day = LocalDate.of(2026, 12, 2); // a Wednesday
            Instant start = day.atStartOfDay(store.zone()).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(store.zone()).toInstant();
            long occupancy = 0;
            long peak = 0;
            long windowsOver = 0;
            long windowsOpen = 0;
            for (Instant w = start; w.isBefore(end); w = w.plusSeconds(WINDOW)) {
                for (int door = 1; door <= DemoStore.DOORS; door++) {
                    occupancy += DemoTraffic.entering(store, w, WINDOW, door) - DemoTraffic.leaving(store, w, WINDOW, door);
                }
                peak = Math.max(peak, occupancy);
                int hour = w.atZone(store.zone()).getHour();
                if (hour >= DemoStore.OPENS && hour < DemoStore.CLOSES) {
                    windowsOpen++;
                    windowsOver += occupancy >= store.capacity() ? 1 : 0;
                }
            }
            assertTrue(peak >= store.capacity(), store.id() + ": peak " + peak + " of capacity " + store.capacity());
            assertTrue(windowsOver < windowsOpen / 2, store.id() + ": over capacity only at its peaks (" + windowsOver + " of "
                    + windowsOpen + " open windows)");
        }
    }
}

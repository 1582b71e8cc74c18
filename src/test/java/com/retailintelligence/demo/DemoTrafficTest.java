package com.retailintelligence.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** The demo's model of a day looks like a shop: opening hours, peaks, 15-35 % conversion, an empty shop at night. */
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
    void sameWindowSameNumbers() {
        DemoStore store = DemoStore.ALL[0];
        Instant w = Instant.parse("2026-11-26T13:00:00Z");
        assertEquals(DemoTraffic.entering(store, w, WINDOW, 1), DemoTraffic.entering(store, w, WINDOW, 1));
        assertEquals(DemoTraffic.amountMinor(store, w, 3), DemoTraffic.amountMinor(store, w, 3));
    }
}

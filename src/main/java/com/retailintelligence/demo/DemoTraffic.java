package com.retailintelligence.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * The demo's deterministic model of a store day: the same store and window always give the same numbers,
 * so every replica generates identical events (and identical ids, deduplicated by the ingest).
 * People enter following a curve with lunch and evening peaks, leave about 25 minutes later, and a share of
 * them (the conversion rate) buys something about 10 minutes after entering. Each day is scaled by its weekday
 * (busy Saturdays, quiet Sundays), a noise factor of its own (±8 %, from store and date) and a steady growth of
 * 7 % a year, so a day differs from the same weekday a week and a year earlier; conversion varies mildly by weekday.
 */
final class DemoTraffic {

    private static final long DWELL_SECONDS = 25 * 60;
    private static final long BUY_AFTER_SECONDS = 10 * 60;
    /** Footfall per weekday, Monday first. */
    private static final double[] WEEKDAY_VISITORS = { 0.85, 0.9, 0.95, 1.0, 1.15, 1.35, 0.6 };
    /** Conversion per weekday, Monday first: weekend crowds browse more. */
    private static final double[] WEEKDAY_CONVERSION = { 1.0, 1.0, 1.02, 1.03, 1.05, 0.94, 0.92 };
    private static final double DAY_NOISE = 0.08;
    private static final double YEARLY_GROWTH = 1.07;
    private static final LocalDate GROWTH_BASE = LocalDate.of(2026, 1, 1);

    private DemoTraffic() {
    }

    /** Door 2's counter drops out for this many minutes every {@link #DROPOUT_EVERY_MINUTES}, while the store is open. */
    static final int DROPOUT_MINUTES = 12;
    static final int DROPOUT_EVERY_MINUTES = 120;

    /**
     * The dropout [start, end) of a door's counter that includes {@code at}, or null: door 2 of each store, for 12
     * minutes every 2 hours of opening time, at a store-specific minute (so some store is usually due within the hour).
     */
    static Instant[] dropout(DemoStore store, Instant at, int door) {
        if (door != 2) {
            return null;
        }
        ZonedDateTime local = at.atZone(store.zone());
        int offset = 40 * java.util.Arrays.asList(DemoStore.ALL).indexOf(store);
        int phase = Math.floorMod(local.getHour() * 60 + local.getMinute() - offset, DROPOUT_EVERY_MINUTES);
        if (phase >= DROPOUT_MINUTES) {
            return null;
        }
        ZonedDateTime start = local.truncatedTo(ChronoUnit.MINUTES).minusMinutes(phase);
        if (start.getHour() < DemoStore.OPENS || start.getHour() >= DemoStore.CLOSES - 1) {
            return null;
        }
        return new Instant[] { start.toInstant(), start.plusMinutes(DROPOUT_MINUTES).toInstant() };
    }

    /** People entering through one door during the window starting at {@code start}. */
    static int entering(DemoStore store, Instant start, long windowSeconds, int door) {
        ZonedDateTime local = start.atZone(store.zone());
        double hour = local.getHour() + local.getMinute() / 60.0;
        if (hour < DemoStore.OPENS || hour >= DemoStore.CLOSES) {
            return 0;
        }
        double shape = 0.25 + gaussian(hour, 13.0, 1.0) + 1.2 * gaussian(hour, 18.5, 1.3);
        double expected = store.peakVisitorsPerMinute() * dayFactor(store, local.toLocalDate()) * shape * windowSeconds / 60.0
                / DemoStore.DOORS;
        return poisson(random(store, start, "in" + door), expected);
    }

    /**
     * How busy a store-local day is against the store's usual day: its weekday's factor, times its own noise
     * (uniform within ±8 %, seeded by store and date), times 7 % growth a year (1.0 on 1 January 2026).
     */
    static double dayFactor(DemoStore store, LocalDate day) {
        double noise = 1 + DAY_NOISE * (2 * seeded(store.id() + "|" + day + "|day").nextDouble() - 1);
        double growth = Math.pow(YEARLY_GROWTH, ChronoUnit.DAYS.between(GROWTH_BASE, day) / 365.25);
        return WEEKDAY_VISITORS[day.getDayOfWeek().getValue() - 1] * noise * growth;
    }

    /** People leaving through one door: those who entered one dwell time earlier. */
    static int leaving(DemoStore store, Instant start, long windowSeconds, int door) {
        return entering(store, start.minusSeconds(DWELL_SECONDS), windowSeconds, door);
    }

    /** Sales in the window, from the people who entered one browsing time earlier. */
    static int sales(DemoStore store, Instant start, long windowSeconds) {
        Instant entered = start.minusSeconds(BUY_AFTER_SECONDS);
        int visitors = 0;
        for (int door = 1; door <= DemoStore.DOORS; door++) {
            visitors += entering(store, entered, windowSeconds, door);
        }
        Random random = random(store, start, "sales");
        double conversion = store.conversion()
                * WEEKDAY_CONVERSION[entered.atZone(store.zone()).getDayOfWeek().getValue() - 1];
        int buyers = 0;
        for (int i = 0; i < visitors; i++) {
            if (random.nextDouble() < conversion) {
                buyers++;
            }
        }
        return buyers;
    }

    /** The amount of the n-th sale of the window, in minor units: log-normal around the average basket. */
    static long amountMinor(DemoStore store, Instant start, int n) {
        Random random = random(store, start, "amount" + n);
        double amount = store.averageBasket() * Math.exp(0.5 * random.nextGaussian() - 0.125);
        return Math.max(1, Math.round(amount * Math.pow(10, store.minorDigits())));
    }

    /** Whether the n-th transaction of the window is a refund (about 2 %). */
    static boolean isRefund(DemoStore store, Instant start, int n) {
        return random(store, start, "refund" + n).nextDouble() < 0.02;
    }

    /** Items in the n-th transaction of the window: 1 to 4. */
    static int items(DemoStore store, Instant start, int n) {
        return 1 + random(store, start, "items" + n).nextInt(4);
    }

    private static double gaussian(double x, double mean, double sigma) {
        double z = (x - mean) / sigma;
        return Math.exp(-0.5 * z * z);
    }

    private static int poisson(Random random, double expected) {
        double limit = Math.exp(-expected);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit && count < 1000) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private static Random random(DemoStore store, Instant start, String purpose) {
        return seeded(store.id() + "|" + start.getEpochSecond() + "|" + purpose);
    }

    private static Random seeded(String seed) {
        return new Random(seed.hashCode() * 0x9E3779B97F4A7C15L);
    }
}

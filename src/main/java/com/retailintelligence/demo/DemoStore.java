package com.retailintelligence.demo;

import java.time.ZoneId;

/** A demo store and the shape of its day: opening hours, footfall scale, conversion and basket size. */
record DemoStore(String id, String name, String timezone, String currency, int capacity, double peakVisitorsPerMinute,
        double conversion, double averageBasket, int minorDigits) {

    static final DemoStore[] ALL = {
            new DemoStore("lisbon-chiado", "Lisbon Chiado", "Europe/Lisbon", "EUR", 150, 6.0, 0.22, 38.0, 2),
            new DemoStore("tokyo-ginza", "Tokyo Ginza", "Asia/Tokyo", "JPY", 300, 11.0, 0.31, 5200.0, 0),
            new DemoStore("nyc-soho", "New York SoHo", "America/New_York", "USD", 200, 8.0, 0.17, 52.0, 2) };

    static final int OPENS = 9;
    static final int CLOSES = 21;
    static final int DOORS = 2;

    static DemoStore byId(String id) {
        for (DemoStore store : ALL) {
            if (store.id().equals(id)) {
                return store;
            }
        }
        throw new IllegalArgumentException("no demo store " + id);
    }

    ZoneId zone() {
        return ZoneId.of(timezone);
    }
}

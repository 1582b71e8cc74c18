package com.retailintelligence.live;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The day's visitors of each store, as this replica last learned them, for the conversion rate of sales messages
 * (which do not carry visitors): from the traffic messages it fans out, or from one Redis read. Trusted for
 * {@link #TRUSTED_NANOS} at most, so a store whose traffic nobody here follows costs one read a second, not one
 * per sale. One entry per store (its latest day), so it stays as small as the chain.
 */
final class VisitorsToday {

    static final long TRUSTED_NANOS = 1_000_000_000L;

    private final Map<String, Known> byStore = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    VisitorsToday() {
        this(System::nanoTime);
    }

    VisitorsToday(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The visitors of the store's day when learned within the last second, else null. */
    Long fresh(String storeId, LocalDate day) {
        Known known = byStore.get(storeId);
        return known != null && known.day().equals(day) && nanoTime.getAsLong() - known.at() < TRUSTED_NANOS ? known.visitors() : null;
    }

    /** What a traffic message or a Redis read said. */
    void learned(String storeId, LocalDate day, long visitors) {
        byStore.put(storeId, new Known(day, visitors, nanoTime.getAsLong()));
    }


    private record Known(LocalDate day, long visitors, long at) {
    }
}

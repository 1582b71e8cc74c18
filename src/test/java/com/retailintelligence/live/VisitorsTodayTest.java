package com.retailintelligence.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The visitors a sale's conversion rate uses: the latest learned, for its own day, and for one second at most. */
class VisitorsTodayTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final VisitorsToday visitors = new VisitorsToday(now::get);
    private final LocalDate day = LocalDate.of(2026, 12, 7);

    @Test
    void theLatestValueIsTrustedForOneSecondThenReadAgain() {
        assertNull(visitors.fresh("s", day), "nothing learned: read from Redis");
        visitors.learned("s", day, 10);
        assertEquals(10L, visitors.fresh("s", day));
        visitors.learned("s", day, 12); // a later traffic message
        now.addAndGet(VisitorsToday.TRUSTED_NANOS - 1);
        assertEquals(12L, visitors.fresh("s", day));
        now.addAndGet(1);
        assertNull(visitors.fresh("s", day), "a second old: read again");
    }

    @Test
    void anotherDayOrStoreIsNotKnown() {
        visitors.learned("s", day, 10);
        assertNull(visitors.fresh("s", day.plusDays(1)), "the store's new day starts unknown");
        assertNull(visitors.fresh("t", day));
        visitors.learned("s", day.plusDays(1), 1);
        assertNull(visitors.fresh("s", day), "one entry per store: its latest day");
    }
}

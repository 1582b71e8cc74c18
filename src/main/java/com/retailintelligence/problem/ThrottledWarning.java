package com.retailintelligence.problem;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.quarkus.logging.Log;

/**
 * A warning logged at most once per interval, saying how many more there were meanwhile: an outage is one line
 * every few seconds for the operator, not a thousand. Safe to share between threads.
 */
public final class ThrottledWarning {

    private final long intervalMillis;
    private final AtomicLong lastLogged = new AtomicLong();
    private final AtomicLong meanwhile = new AtomicLong();

    public ThrottledWarning(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Logs the message (built only when it is logged) if the interval has passed, else counts it. */
    public void warn(Supplier<String> message) {
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= intervalMillis && lastLogged.compareAndSet(last, now)) {
            long more = meanwhile.getAndSet(0);
            Log.warn(more > 0 ? message.get() + " (" + more + " more in the last interval)" : message.get());
        } else {
            meanwhile.incrementAndGet();
        }
    }
}

package com.retailintelligence.importing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An import's counters as it runs, read by the progress bar, the REST job row and the summary: rows read,
 * imported (new), duplicates (already there) and rejected; the total when known. Each rejection is also passed on
 * as it is found.
 */
public final class ImportProgress {

    final AtomicLong read = new AtomicLong();
    final AtomicLong imported = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong total = new AtomicLong(-1);
    private final long startedNanos = System.nanoTime();
    private final Consumer<Rejection> onRejection;

    public ImportProgress(Consumer<Rejection> onRejection) {
        this.onRejection = onRejection;
    }

    void reject(Rejection rejection) {
        rejected.incrementAndGet();
        onRejection.accept(rejection);
    }

    void addTotal(long rows) {
        if (rows >= 0) {
            total.accumulateAndGet(rows, (current, add) -> current < 0 ? add : current + add);
        }
    }

    public long read() {
        return read.get();
    }

    public long imported() {
        return imported.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** All rows to read, -1 while unknown. */
    public long total() {
        return total.get();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Rows read per second so far. */
    public double rowsPerSecond() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
        return read.get() / seconds;
    }
}

package com.retailintelligence.live;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs asynchronous steps one at a time, in the order they were added (sales messages waiting for a Redis read
 * leave in the order they came). A step's failure does not stop the ones after it. Any thread.
 */
final class InOrder {

    private final Queue<Supplier<Uni<Void>>> steps = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /** Whether no step waits or runs: something that must not overtake them may go at once. */
    boolean idle() {
        return steps.isEmpty() && !running.get();
    }

    void add(Supplier<Uni<Void>> step) {
        steps.add(step);
        runNext();
    }

    private void runNext() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Supplier<Uni<Void>> next = steps.poll();
        if (next == null) {
            running.set(false);
            if (!steps.isEmpty()) {
                runNext(); // added between the poll and the reset
            }
            return;
        }
        next.get().subscribe().with(ignored -> {
            running.set(false);
            runNext();
        }, failure -> {
            running.set(false);
            runNext();
        });
    }
}

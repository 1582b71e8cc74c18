package com.retailintelligence.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.problem.OverloadedException;
import com.retailintelligence.problem.TransientFailures;
import com.retailintelligence.store.StoreDirectory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Group commit for one event type: validated batches of concurrent requests share one insert statement.
 * With no statement in flight a batch goes at once (no added latency when idle); while statements are in
 * flight, arriving batches queue and leave together in the next one. Each request is answered when the
 * statement holding its events has committed, with its own accepted and duplicate counts. The queue is bounded:
 * a batch that would take it past {@code maxQueued} events is refused at once ({@link OverloadedException}: 503),
 * so under overload latency and memory stay flat. Locks guard only the queue; no I/O happens under them.
 */
final class StatementBatcher<E extends IngestedEvent> {

    private final EventType<E> type;
    private final BiFunction<EventType.Inserted<E>, Map<String, StoreDirectory.StoreInfo>, Uni<Void>> afterInsert;
    private final int maxEvents;
    private final int maxInFlight;
    private final int maxQueued;
    private final ArrayDeque<Pending<E>> queue = new ArrayDeque<>();
    private final Counter statements;
    private final Counter batches;
    private final Counter refused;
    private int inFlight;
    private int queuedEvents;

    StatementBatcher(EventType<E> type, int maxEvents, int maxInFlight, int maxQueued, MeterRegistry registry,
            BiFunction<EventType.Inserted<E>, Map<String, StoreDirectory.StoreInfo>, Uni<Void>> afterInsert) {
        this.type = type;
        this.maxQueued = maxQueued;
        this.refused = Counter.builder("retail.ingest.refused").tag("type", type.name()).tag("reason", "overload")
                .description("Valid batches refused with 503 because the statement queue was full").register(registry);
        this.statements = Counter.builder("retail.ingest.statements").tag("type", type.name())
                .description("Insert statements run; fewer than batches when concurrent batches share them").register(registry);
        this.batches = Counter.builder("retail.ingest.batches").tag("type", type.name())
                .description("Valid batches submitted for insertion").register(registry);
        this.maxEvents = maxEvents;
        this.maxInFlight = maxInFlight;
        this.afterInsert = afterInsert;
    }

    /** True when the queue is full: a caller may refuse a batch before even reading it. */
    synchronized boolean isFull() {
        return inFlight >= maxInFlight && queuedEvents >= maxQueued;
    }

    /** Inserts the events (with those of concurrent requests); yields how many were new, or fails with OverloadedException. */
    Uni<IngestOutcome.Accepted> submit(List<E> events, Map<String, StoreDirectory.StoreInfo> stores, StoreScope scope) {
        return Uni.createFrom().emitter(emitter -> {
            batches.increment();
            List<Pending<E>> group = null;
            boolean full;
            synchronized (this) {
                boolean mustWait = inFlight >= maxInFlight;
                full = mustWait && queuedEvents + events.size() > maxQueued;
                if (!full) {
                    queue.add(new Pending<>(events, stores, scope, emitter, false));
                    queuedEvents += events.size();
                    group = mustWait ? null : takeGroup();
                }
            }
            if (full) {
                refused.increment();
                emitter.fail(new OverloadedException("the " + type.name() + " statement queue is full (" + maxQueued + " events)"));
            } else if (group != null) {
                run(group);
            }
        });
    }

    /** Takes the queued batches that fit in one statement (at least one); call with the lock held. */
    private List<Pending<E>> takeGroup() {
        List<Pending<E>> group = new ArrayList<>();
        int size = 0;
        // A batch to be retried alone leaves alone; the others gather up to maxEvents and stop at the next such one.
        while (!queue.isEmpty() && (group.isEmpty() || !queue.peek().alone() && !group.get(0).alone()
                && size + queue.peek().events().size() <= maxEvents)) {
            Pending<E> next = queue.poll();
            group.add(next);
            size += next.events().size();
        }
        queuedEvents -= size;
        inFlight++;
        return group;
    }

    private void run(List<Pending<E>> group) {
        List<E> events = new ArrayList<>();
        Map<String, StoreDirectory.StoreInfo> stores = new HashMap<>();
        List<StoreScope> scopes = new ArrayList<>(group.size());
        for (Pending<E> pending : group) {
            events.addAll(pending.events());
            stores.putAll(pending.stores());
            scopes.add(pending.scope());
        }
        statements.increment();
        // Each batch was checked against its own principal's scope; the shared statement runs under their union.
        type.insert(events, StoreScope.union(scopes))
                .call(inserted -> afterInsert.apply(inserted, stores))
                .subscribe().with(
                        inserted -> {
                            answer(group, inserted);
                            next();
                        },
                        failure -> {
                            if (group.size() > 1 && TransientFailures.classify(failure) == null) {
                                // One batch's failure (a store deleted meanwhile, a total over the limit) must not
                                // fail the others: each is tried again alone, first in the queue, within maxInFlight.
                                // A failure of the database itself fails them all alike.
                                retryAlone(group);
                            } else {
                                group.forEach(pending -> pending.emitter().fail(failure));
                            }
                            next();
                        });
    }

    private synchronized void retryAlone(List<Pending<E>> group) {
        for (int i = group.size() - 1; i >= 0; i--) {
            Pending<E> pending = group.get(i);
            queue.addFirst(new Pending<>(pending.events(), pending.stores(), pending.scope(), pending.emitter(), true));
            queuedEvents += pending.events().size();
        }
    }

    /** Gives each request its own counts; an event id inserted once counts for the first batch that sent it. */
    private void answer(List<Pending<E>> group, EventType.Inserted<E> inserted) {
        Set<String> insertedKeys = new HashSet<>(inserted.accepted().size() * 2);
        for (E event : inserted.accepted()) {
            insertedKeys.add(key(event));
        }
        for (Pending<E> pending : group) {
            int accepted = 0;
            for (E event : pending.events()) {
                if (insertedKeys.remove(key(event))) {
                    accepted++;
                }
            }
            pending.emitter().complete(new IngestOutcome.Accepted(accepted, pending.events().size() - accepted));
        }
    }

    private void next() {
        List<Pending<E>> group;
        synchronized (this) {
            inFlight--;
            group = queue.isEmpty() ? null : takeGroup();
        }
        if (group != null) {
            run(group);
        }
    }

    private static String key(IngestedEvent event) {
        return event.storeId() + '\u0000' + event.id();
    }

    /** A batch waiting for its statement; {@code alone}: it is being retried after a shared statement failed. */
    private record Pending<E>(List<E> events, Map<String, StoreDirectory.StoreInfo> stores, StoreScope scope,
            UniEmitter<? super IngestOutcome.Accepted> emitter, boolean alone) {
    }
}

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
import com.retailintelligence.store.StoreDirectory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Group commit for one event type: validated batches of concurrent requests share one insert statement.
 * With no statement in flight a batch goes at once (no added latency when idle); while statements are in
 * flight, arriving batches queue and leave together in the next one. Each request is answered when the
 * statement holding its events has committed, with its own accepted and duplicate counts. Locks guard only
 * the queue; no I/O happens under them.
 */
final class StatementBatcher<E extends IngestedEvent> {

    private final EventType<E> type;
    private final BiFunction<EventType.Inserted<E>, Map<String, StoreDirectory.StoreInfo>, Uni<Void>> afterInsert;
    private final int maxEvents;
    private final int maxInFlight;
    private final ArrayDeque<Pending<E>> queue = new ArrayDeque<>();
    private final Counter statements;
    private final Counter batches;
    private int inFlight;

    StatementBatcher(EventType<E> type, int maxEvents, int maxInFlight, MeterRegistry registry,
            BiFunction<EventType.Inserted<E>, Map<String, StoreDirectory.StoreInfo>, Uni<Void>> afterInsert) {
        this.type = type;
        this.statements = Counter.builder("retail.ingest.statements").tag("type", type.name())
                .description("Insert statements run; fewer than batches when concurrent batches share them").register(registry);
        this.batches = Counter.builder("retail.ingest.batches").tag("type", type.name())
                .description("Valid batches submitted for insertion").register(registry);
        this.maxEvents = maxEvents;
        this.maxInFlight = maxInFlight;
        this.afterInsert = afterInsert;
    }

    /** Inserts the events (with those of concurrent requests); yields how many were new. */
    Uni<IngestOutcome.Accepted> submit(List<E> events, Map<String, StoreDirectory.StoreInfo> stores, StoreScope scope) {
        return Uni.createFrom().emitter(emitter -> {
            batches.increment();
            List<Pending<E>> group;
            synchronized (this) {
                queue.add(new Pending<>(events, stores, scope, emitter));
                group = inFlight < maxInFlight ? takeGroup() : null;
            }
            if (group != null) {
                run(group);
            }
        });
    }

    /** Takes the queued batches that fit in one statement (at least one); call with the lock held. */
    private List<Pending<E>> takeGroup() {
        List<Pending<E>> group = new ArrayList<>();
        int size = 0;
        while (!queue.isEmpty() && (group.isEmpty() || size + queue.peek().events().size() <= maxEvents)) {
            Pending<E> next = queue.poll();
            group.add(next);
            size += next.events().size();
        }
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
                            if (group.size() > 1) {
                                // One batch's failure (say, a store deleted meanwhile) must not fail the others.
                                group.forEach(pending -> retryAlone(pending));
                            } else {
                                group.get(0).emitter().fail(failure);
                            }
                            next();
                        });
    }

    private void retryAlone(Pending<E> pending) {
        synchronized (this) {
            inFlight++;
        }
        run(List.of(pending));
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

    private record Pending<E>(List<E> events, Map<String, StoreDirectory.StoreInfo> stores, StoreScope scope,
            UniEmitter<? super IngestOutcome.Accepted> emitter) {
    }
}

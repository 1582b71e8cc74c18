package com.retailintelligence.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.access.Actors;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.store.NewStore;
import com.retailintelligence.store.StoreService;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Feeds the demo stores through the real ingest pipeline: on start, today's events so far (each store's
 * local day), then every window as it closes; once today is in, the demo opening hours and alert rules (DemoSetup) and the
 * history in the background (DemoHistory).
 * Event ids are derived from the window, so replicas feeding at the same time produce duplicates that the
 * ingest counts once.
 */
@Singleton
public class DemoFeeder {

    private final DemoConfig config;
    private final StoreService stores;
    private final DemoIngest ingest;
    private final DemoHistory history;
    private final DemoEvents events;
    private final DemoSetup setup;
    /** End of the last window fed by this replica; null until the start-up backfill is done. */
    private final AtomicReference<Instant> fedUntil = new AtomicReference<>();

    public DemoFeeder(DemoConfig config, StoreService stores, DemoIngest ingest, DemoHistory history, ObjectMapper mapper,
            DemoSetup setup) {
        this.config = config;
        this.setup = setup;
        this.stores = stores;
        this.ingest = ingest;
        this.history = history;
        this.events = new DemoEvents(mapper, DemoEvents.LIVE, config.window().toSeconds());
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Instant until = windowStart(Instant.now());
        createStores()
                .chain(() -> feedAll(null, until))
                // After the backfill: the alerts start with the live events, not with this morning's replayed ones.
                .call(setup::ensure)
                .subscribe().with(
                        ignored -> {
                            fedUntil.set(until);
                            Log.infof("Demo: stores %s fed with today's events; live events every %s",
                                    List.of(DemoStore.ALL).stream().map(DemoStore::id).toList(), config.window());
                            history.writeInBackground();
                        },
                        failure -> Log.errorf(failure, "Demo: backfill failed"));
    }

    @Scheduled(every = "${retail.demo.window:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> feedClosedWindows() {
        Instant from = fedUntil.get();
        if (!config.enabled() || from == null) {
            return Uni.createFrom().voidItem();
        }
        Instant until = windowStart(Instant.now());
        if (!until.isAfter(from)) {
            return Uni.createFrom().voidItem();
        }
        return feedAll(from, until).invoke(() -> fedUntil.set(until))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Demo: feeding failed (%s); will retry", failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> createStores() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DemoStore store : DemoStore.ALL) {
            chain = chain.chain(() -> stores.create(StoreScope.ALL, new NewStore(store.id(), store.name(), store.timezone(),
                    store.capacity(), store.currency()), new AuditEntry(Actors.SYSTEM, AuditEntry.Channel.SYSTEM,
                            "store.create", store.id(), AuditEntry.Result.SUCCESS, null, "demo data")).replaceWithVoid());
        }
        return chain;
    }

    /** Feeds every store from {@code from} (null: the store's local midnight) to {@code until}. */
    private Uni<Void> feedAll(Instant from, Instant until) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DemoStore store : DemoStore.ALL) {
            Instant start = from != null ? from : windowStart(LocalDate.now(store.zone()).atStartOfDay(store.zone()).toInstant());
            chain = chain.chain(() -> ingest.traffic(ingest.bodies(events.readings(store, start, until)))
                    .chain(() -> ingest.sales(ingest.bodies(events.transactions(store, start, until))))
                    .replaceWithVoid());
        }
        return chain;
    }

    private Instant windowStart(Instant instant) {
        long seconds = config.window().toSeconds();
        return Instant.ofEpochSecond(instant.getEpochSecond() / seconds * seconds);
    }
}

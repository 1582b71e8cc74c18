package com.retailintelligence.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailintelligence.access.Actors;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.ingest.IngestOutcome;
import com.retailintelligence.sales.SalesService;
import com.retailintelligence.store.NewStore;
import com.retailintelligence.store.StoreService;
import com.retailintelligence.traffic.TrafficService;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Feeds the demo stores through the real ingest pipeline: on start, today's events so far (each store's
 * local day), then every window as it closes. Event ids are derived from the window, so replicas feeding at
 * the same time produce duplicates that the ingest counts once.
 */
@Singleton
public class DemoFeeder {

    private static final int BATCH = 1000;

    private final DemoConfig config;
    private final StoreService stores;
    private final TrafficService traffic;
    private final SalesService sales;
    private final ObjectMapper mapper;
    /** End of the last window fed by this replica; null until the start-up backfill is done. */
    private final AtomicReference<Instant> fedUntil = new AtomicReference<>();

    public DemoFeeder(DemoConfig config, StoreService stores, TrafficService traffic, SalesService sales, ObjectMapper mapper) {
        this.config = config;
        this.stores = stores;
        this.traffic = traffic;
        this.sales = sales;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Instant until = windowStart(Instant.now());
        createStores()
                .chain(() -> feedAll(null, until))
                .subscribe().with(
                        ignored -> {
                            fedUntil.set(until);
                            Log.infof("Demo: stores %s fed with today's events; live events every %s",
                                    List.of(DemoStore.ALL).stream().map(DemoStore::id).toList(), config.window());
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
            chain = chain.chain(() -> feed(store, start, until));
        }
        return chain;
    }

    private Uni<Void> feed(DemoStore store, Instant from, Instant until) {
        long seconds = config.window().toSeconds();
        List<ObjectNode> readings = new ArrayList<>();
        List<ObjectNode> transactions = new ArrayList<>();
        for (Instant w = from; w.isBefore(until); w = w.plusSeconds(seconds)) {
            String at = w.plusSeconds(seconds / 2).toString();
            for (int door = 1; door <= DemoStore.DOORS; door++) {
                int in = DemoTraffic.entering(store, w, seconds, door);
                int out = DemoTraffic.leaving(store, w, seconds, door);
                if (in + out > 0) {
                    readings.add(mapper.createObjectNode().put("id", "demo-door" + door + "-" + w.getEpochSecond())
                            .put("storeId", store.id()).put("sensorId", "door-" + door).put("timestamp", at)
                            .put("in", in).put("out", out));
                }
            }
            int count = DemoTraffic.sales(store, w, seconds);
            for (int n = 0; n < count; n++) {
                transactions.add(mapper.createObjectNode().put("id", "demo-pos-" + w.getEpochSecond() + "-" + n)
                        .put("storeId", store.id()).put("timestamp", at)
                        .put("amount", BigDecimal.valueOf(DemoTraffic.amountMinor(store, w, n), store.minorDigits()).toPlainString())
                        .put("currency", store.currency()).put("items", DemoTraffic.items(store, w, n))
                        .put("type", DemoTraffic.isRefund(store, w, n) ? "refund" : "sale"));
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < readings.size(); i += BATCH) {
            byte[] body = json(readings.subList(i, Math.min(readings.size(), i + BATCH)));
            chain = chain.chain(() -> traffic.ingest(body, StoreScope.ALL).invoke(DemoFeeder::checkAccepted).replaceWithVoid());
        }
        for (int i = 0; i < transactions.size(); i += BATCH) {
            byte[] body = json(transactions.subList(i, Math.min(transactions.size(), i + BATCH)));
            chain = chain.chain(() -> sales.ingest(body, StoreScope.ALL).invoke(DemoFeeder::checkAccepted).replaceWithVoid());
        }
        return chain;
    }

    private byte[] json(List<ObjectNode> events) {
        try {
            return mapper.writeValueAsBytes(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkAccepted(IngestOutcome outcome) {
        if (outcome instanceof IngestOutcome.Rejected rejected) {
            Log.errorf("Demo: batch rejected: %s %s", rejected.detail(), rejected.errors());
        }
    }

    private Instant windowStart(Instant instant) {
        long seconds = config.window().toSeconds();
        return Instant.ofEpochSecond(instant.getEpochSecond() / seconds * seconds);
    }
}

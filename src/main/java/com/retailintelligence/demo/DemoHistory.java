package com.retailintelligence.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.aggregate.RollupRepository;
import com.retailintelligence.aggregate.RollupRepository.StoreDay;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Writes the demo stores' history through the real ingest: the weeks before each store's local today and the
 * same weeks a year earlier (ending 364 days before today, so weekdays line up), in 5-minute windows with ids
 * of their own ({@code demo-h-…}). Idempotent and cheap on restart: one query finds the store-days that
 * already have visitors, and those are skipped. A day's sales go first and its traffic (one batch) last, so a
 * day with visitors is complete; a day cut short by a crash has none yet, is written again, and its sales
 * count once (same ids).
 */
@Singleton
class DemoHistory {

    /** History windows: coarser than the live ones, same totals per day. */
    static final long WINDOW_SECONDS = 300;
    /** 52 weeks: the same weekday a year earlier. */
    static final int YEAR_DAYS = 364;

    private final DemoConfig config;
    private final DemoIngest ingest;
    private final RollupRepository rollups;
    private final DemoEvents events;
    private final CompletableFuture<Result> startupRun = new CompletableFuture<>();

    DemoHistory(DemoConfig config, DemoIngest ingest, RollupRepository rollups, ObjectMapper mapper) {
        this.config = config;
        this.ingest = ingest;
        this.rollups = rollups;
        this.events = new DemoEvents(mapper, DemoEvents.HISTORY, WINDOW_SECONDS);
    }

    /** The history days of a store whose local day is {@code today}: the recent weeks, newest first, then the year-earlier ones. */
    static List<LocalDate> days(LocalDate today, int weeks) {
        Set<LocalDate> days = new LinkedHashSet<>();
        for (int back = 1; back <= 7 * weeks; back++) {
            days.add(today.minusDays(back));
        }
        for (int back = 0; back < 7 * weeks; back++) {
            days.add(today.minusDays(YEAR_DAYS + back));
        }
        return new ArrayList<>(days);
    }

    /** Starts writing the configured history in the background; logs one line when done. */
    void writeInBackground() {
        int weeks = config.historyWeeks();
        if (weeks == 0) {
            return;
        }
        write(weeks).subscribe().with(result -> {
            Log.infof("Demo: history of the %d weeks before today and a year earlier: %d store-days written, %d already there, "
                    + "%d failed; %d traffic readings and %d sales accepted, %d duplicates, in %.1f s", weeks, result.written(),
                    result.skipped(), result.failed(), result.traffic().accepted(), result.sales().accepted(),
                    result.traffic().duplicates() + result.sales().duplicates(), result.took().toMillis() / 1000.0);
            startupRun.complete(result);
        }, failure -> {
            Log.errorf(failure, "Demo: writing the history failed; the next start tries again");
            startupRun.completeExceptionally(failure);
        });
    }

    /** The start-up run's result, once it is done. */
    CompletionStage<Result> startupRun() {
        return startupRun;
    }

    /** Writes the store-days of {@code weeks} weeks of history that have no visitors yet, one day after the other. */
    Uni<Result> write(int weeks) {
        Instant started = Instant.now();
        Map<String, LocalDate> today = new LinkedHashMap<>();
        List<List<LocalDate>> perStore = new ArrayList<>();
        for (DemoStore store : DemoStore.ALL) {
            today.put(store.id(), LocalDate.now(store.zone()));
            perStore.add(days(today.get(store.id()), weeks));
        }
        List<StoreDay> wanted = new ArrayList<>();
        for (int i = 0; i < perStore.get(0).size(); i++) {
            for (int s = 0; s < DemoStore.ALL.length; s++) {
                wanted.add(new StoreDay(DemoStore.ALL[s].id(), perStore.get(s).get(i)));
            }
        }
        LocalDate first = wanted.stream().map(StoreDay::day).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = wanted.stream().map(StoreDay::day).max(Comparator.naturalOrder()).orElseThrow();
        return rollups.dayTotals(StoreScope.ALL, new ArrayList<>(today.keySet()), first, last).chain(totals -> {
            Set<StoreDay> done = new HashSet<>();
            totals.stream().filter(row -> row.metric().equals(Metrics.VISITORS))
                    .forEach(row -> done.add(new StoreDay(row.storeId(), row.localDay())));
            List<StoreDay> missing = wanted.stream().filter(day -> !done.contains(day)).toList();
            return Multi.createFrom().iterable(missing).onItem().transformToUniAndConcatenate(this::writeDay)
                    .collect().asList()
                    .map(days -> Result.of(days, wanted.size() - missing.size(), Duration.between(started, Instant.now()), today));
        });
    }

    /** One store-day: generated off the event loop, then its sales, then its traffic; retried whole (ids dedupe). */
    private Uni<Day> writeDay(StoreDay storeDay) {
        DemoStore store = DemoStore.byId(storeDay.storeId());
        Instant from = storeDay.day().atStartOfDay(store.zone()).toInstant();
        Instant until = storeDay.day().plusDays(1).atStartOfDay(store.zone()).toInstant();
        return Uni.createFrom().item(() -> new Bodies(ingest.bodies(events.transactions(store, from, until)),
                        ingest.bodies(events.readings(store, from, until))))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(bodies -> ingest.sales(bodies.sales())
                        .chain(sales -> ingest.traffic(bodies.traffic()).map(traffic -> new Day(true, traffic, sales))))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).atMost(3)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Demo: history of %s on %s not written (%s); the next start tries again", storeDay.storeId(),
                            storeDay.day(), failure.getMessage());
                    return new Day(false, DemoIngest.Counts.NONE, DemoIngest.Counts.NONE);
                });
    }

    /** A store-day's request bodies. */
    private record Bodies(List<byte[]> sales, List<byte[]> traffic) {
    }

    /** What became of one store-day. */
    private record Day(boolean written, DemoIngest.Counts traffic, DemoIngest.Counts sales) {
    }

    /** What one run did: store-days written, skipped (already there) and failed, events posted, time taken, and each store's today. */
    record Result(int written, int skipped, int failed, DemoIngest.Counts traffic, DemoIngest.Counts sales, Duration took,
            Map<String, LocalDate> today) {

        static Result of(List<Day> days, int skipped, Duration took, Map<String, LocalDate> today) {
            DemoIngest.Counts traffic = DemoIngest.Counts.NONE;
            DemoIngest.Counts sales = DemoIngest.Counts.NONE;
            int written = 0;
            for (Day day : days) {
                written += day.written() ? 1 : 0;
                traffic = traffic.plus(day.traffic());
                sales = sales.plus(day.sales());
            }
            return new Result(written, skipped, days.size() - written, traffic, sales, took, today);
        }
    }
}

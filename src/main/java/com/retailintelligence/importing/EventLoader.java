package com.retailintelligence.importing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.AggregateWriter;
import com.retailintelligence.aggregate.Bucket;
import com.retailintelligence.aggregate.RollupRow;
import com.retailintelligence.ingest.EventType;
import com.retailintelligence.ingest.FieldReader;
import com.retailintelligence.ingest.IngestConfig;
import com.retailintelligence.ingest.IngestedEvent;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.TransientFailures;
import com.retailintelligence.store.StoreDirectory;
import com.retailintelligence.store.StoreDirectory.StoreInfo;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Loads one source's events in batches through live ingest's own steps — EventType.read's validation, the store
 * and currency checks, and EventType.insert, the idempotent statement that claims each id once and rolls the new
 * events up — with a few statements in flight. Runs on a worker thread, which it blocks between batches. The new
 * day totals go to Redis as live ingest's do (so cached reports of those days are read afresh); minute and hour
 * series only for the days Redis keeps, which the importer rebuilds at the end anyway.
 */
final class EventLoader<E extends IngestedEvent> {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(2);
    private static final int ATTEMPTS = 4;

    private final EventType<E> type;
    private final StoreDirectory stores;
    private final IngestConfig config;
    private final AggregateWriter aggregates;
    private final LocalDate redisFrom;
    private final ImportProgress progress;
    private final boolean strict;
    private final int batchSize;
    private final Semaphore inFlight;
    private final int concurrency;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final MonthPartitions partitions;
    /** Each store's first and last local day written, for the rebuild of Redis at the end. */
    final Map<String, LocalDate[]> days = new ConcurrentHashMap<>();

    EventLoader(EventType<E> type, StoreDirectory stores, IngestConfig config, AggregateWriter aggregates, LocalDate redisFrom,
            ImportProgress progress, boolean strict, int batchSize, int concurrency, MonthPartitions partitions) {
        this.partitions = partitions;
        this.type = type;
        this.stores = stores;
        this.config = config;
        this.aggregates = aggregates;
        this.redisFrom = redisFrom;
        this.progress = progress;
        this.strict = strict;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
    }

    /** Reads the source to its end (or to the first refused row when strict); null when done, else why it stopped. */
    String load(RowSource source, RowConverter converter) throws IOException, InterruptedException {
        progress.addTotal(source.total());
        List<SourceRow> batch = new ArrayList<>(batchSize);
        String stopped = null;
        try {
            for (SourceRow row; stopped == null && (row = source.next()) != null;) {
                progress.read.incrementAndGet();
                batch.add(row);
                if (batch.size() == batchSize) {
                    stopped = submit(batch, converter);
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (stopped == null && !batch.isEmpty()) {
                stopped = submit(batch, converter);
            }
        } finally {
            // Every statement answered, also when reading failed: nothing may still be writing when the import reports.
            inFlight.acquireUninterruptibly(concurrency);
            inFlight.release(concurrency);
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new ImportException("Storing a batch failed: " + failed.getMessage(), failed);
        }
        return stopped;
    }

    /** Validates one batch and starts its statement; the reason to stop, or null. */
    private String submit(List<SourceRow> rows, RowConverter converter) throws InterruptedException {
        if (failure.get() != null) {
            return "a batch could not be stored";
        }
        Set<String> storeIds = new HashSet<>();
        rows.forEach(row -> {
            Object store = row.values().get("storeId");
            if (store != null) {
                storeIds.add(store.toString().strip());
            }
        });
        converter.defaultStore().ifPresent(storeIds::add);
        Map<String, StoreInfo> known = stores.find(storeIds).await().atMost(STATEMENT_TIMEOUT);
        Instant latest = Instant.now().plus(config.maxFuture());
        List<E> valid = new ArrayList<>(rows.size());
        List<Rejection> rejections = new ArrayList<>();
        for (SourceRow row : rows) {
            try {
                E event = validate(converter.convert(row, known), known, latest);
                String retained = partitions.refusal(event.timestamp());
                if (retained != null) {
                    rejections.add(new Rejection(row.file(), row.row(), retained));
                } else {
                    valid.add(event);
                }
            } catch (RowConverter.Problem | Refused refused) {
                rejections.add(new Rejection(row.file(), row.row(), refused.getMessage()));
            }
        }
        if (strict && !rejections.isEmpty()) {
            progress.reject(rejections.get(0));
            return "--strict: the first refused row is " + rejections.get(0);
        }
        rejections.forEach(progress::reject);
        if (valid.isEmpty()) {
            return null;
        }
        partitions.ensure(valid.stream().map(IngestedEvent::timestamp).toList());
        inFlight.acquire();
        insert(valid).subscribe().with(inserted -> {
            try {
                progress.imported.addAndGet(inserted.accepted().size());
                progress.duplicates.addAndGet(valid.size() - inserted.accepted().size());
            } finally {
                inFlight.release();
            }
        }, failed -> {
            failure.compareAndSet(null, failed);
            inFlight.release();
        });
        return null;
    }

    /** Live ingest's checks of one event: its fields, its store, its currency; the reasons when it is refused. */
    private E validate(ObjectNode node, Map<String, StoreInfo> known, Instant latest) throws Refused {
        FieldReader fields = new FieldReader(config.maxFuture(), config.earliestTimestamp());
        E event = type.read(0, node, fields, latest);
        if (event != null) {
            StoreInfo store = known.get(event.storeId());
            if (store == null) {
                fields.error(0, "storeId", "no store with id '" + event.storeId() + "'");
            } else {
                type.checkAgainstStore(0, event, store, fields);
            }
        }
        if (!fields.hasErrors()) {
            return event;
        }
        List<String> reasons = new ArrayList<>();
        for (Problem.FieldError error : fields.sortedErrors()) {
            String field = error.field().substring(error.field().indexOf(']') + 1).replaceFirst("^\\.", "");
            reasons.add((field.isEmpty() ? "" : field + ": ") + error.message());
        }
        throw new Refused(String.join("; ", reasons));
    }

    /** An event live ingest would refuse, with its reasons. */
    private static final class Refused extends Exception {
        Refused(String reasons) {
            super(reasons, null, false, false);
        }
    }

    /** The statement, retried when the database was briefly away (it is idempotent); then the rows for Redis. */
    private Uni<EventType.Inserted<E>> insert(List<E> events) {
        return Uni.createFrom().deferred(() -> type.insert(events, StoreScope.ALL))
                .ifNoItem().after(STATEMENT_TIMEOUT).fail() // a database that stops answering must not hang the import
                .onFailure(failed -> TransientFailures.classify(failed) != null).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(ATTEMPTS - 1)
                .call(inserted -> mirror(inserted.rollups()));
    }

    /** The first and last day of two ranges together. */
    static LocalDate[] widest(LocalDate[] a, LocalDate[] b) {
        return new LocalDate[] { a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1] };
    }

    private Uni<Void> mirror(List<RollupRow> rollups) {
        List<RollupRow> kept = new ArrayList<>();
        for (RollupRow row : rollups) {
            days.merge(row.storeId(), new LocalDate[] { row.localDay(), row.localDay() }, EventLoader::widest);
            if (row.bucket() == Bucket.DAY || !row.localDay().isBefore(redisFrom)) {
                kept.add(row);
            }
        }
        // Best effort, as in live ingest: the rebuild at the end and every replica's sync bring Redis in line.
        return aggregates.apply(kept).onFailure().recoverWithItem(failed -> {
            Log.debugf("Redis update of an import batch deferred: %s", failed.getMessage());
            return null;
        });
    }
}

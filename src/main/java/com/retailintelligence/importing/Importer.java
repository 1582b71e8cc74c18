package com.retailintelligence.importing;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.aggregate.AggregateConfig;
import com.retailintelligence.aggregate.AggregateWriter;
import com.retailintelligence.aggregate.RebuildService;
import com.retailintelligence.ingest.EventType;
import com.retailintelligence.ingest.IngestConfig;
import com.retailintelligence.ingest.IngestedEvent;
import com.retailintelligence.sales.SaleEvents;
import com.retailintelligence.store.StoreDirectory;
import com.retailintelligence.traffic.TrafficEvents;

import io.quarkus.logging.Log;

/**
 * Runs one import from start to end (docs/legacy-import.md): a SQLite file's stores, traffic, sales and chat users
 * in that order, or one CSV file of a kind; then rebuilds the Redis aggregates of the days it touched that Redis
 * keeps. Blocking, on the caller's worker thread (the import command's, or the REST endpoint's executor); the
 * summary says how far it got, also when it stopped early.
 */
@ApplicationScoped
public class Importer {

    private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(10);

    private final TrafficEvents traffic;
    private final SaleEvents sales;
    private final StoreDirectory stores;
    private final IngestConfig ingestConfig;
    private final AggregateWriter aggregates;
    private final AggregateConfig aggregateConfig;
    private final RebuildService rebuild;
    private final LegacyStores legacyStores;
    private final ChatImport chats;
    private final ImportConfig config;
    private final com.retailintelligence.db.PartitionMaintenance partitions;

    Importer(TrafficEvents traffic, SaleEvents sales, StoreDirectory stores, IngestConfig ingestConfig, AggregateWriter aggregates,
            AggregateConfig aggregateConfig, RebuildService rebuild, LegacyStores legacyStores, ChatImport chats, ImportConfig config,
            com.retailintelligence.db.PartitionMaintenance partitions) {
        this.partitions = partitions;
        this.traffic = traffic;
        this.sales = sales;
        this.stores = stores;
        this.ingestConfig = ingestConfig;
        this.aggregates = aggregates;
        this.aggregateConfig = aggregateConfig;
        this.rebuild = rebuild;
        this.legacyStores = legacyStores;
        this.chats = chats;
        this.config = config;
    }

    public ImportSummary run(ImportRequest request, ImportProgress progress) {
        Run run = new Run(request, progress);
        String failure;
        boolean notStarted = false;
        try {
            failure = request.sqlite() ? run.sqlite() : run.csv();
        } catch (ImportException e) {
            failure = e.getMessage();
            notStarted = progress.read() == 0 && run.storesCreated == 0;
        } catch (IOException e) {
            failure = request.name() + " cannot be read: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        try {
            run.rebuildRedis();
        } catch (RuntimeException e) {
            Log.warnf("After the import of %s, the Redis rebuild failed (%s); every replica's sync copies the days Redis keeps",
                    request.name(), e.getMessage());
        }
        return new ImportSummary(progress.read(), progress.imported(), progress.duplicates(), progress.rejected(), run.storesCreated,
                run.chatResult.linked(), run.chatResult.usersCreated(), progress.elapsed(), failure, notStarted);
    }

    /** The state of one run. */
    private final class Run {
        private final ImportRequest request;
        private final ImportProgress progress;
        private final List<EventLoader<?>> loaders = new ArrayList<>();
        private final LocalDate redisFrom = LocalDate.now(ZoneOffset.UTC).minusDays(aggregateConfig.retention().toDays() + 1);
        private final MonthPartitions monthPartitions = new MonthPartitions(partitions, java.time.Instant.now());
        int storesCreated;
        ChatImport.Result chatResult = new ChatImport.Result(0, 0);

        Run(ImportRequest request, ImportProgress progress) {
            this.request = request;
            this.progress = progress;
        }

        String sqlite() throws IOException, InterruptedException {
            ImportMapping mapping = request.mapping() != null ? request.mapping() : ImportMapping.defaults();
            try (SqliteFile file = new SqliteFile(request.file(), request.name())) {
                file.check(mapping);
                for (ImportKind kind : ImportKind.values()) {
                    if (mapping.of(kind) != null) {
                        zone(mapping.of(kind).timezone()); // a bad zone stops the import before any row
                    }
                }
                if (mapping.stores() != null) {
                    storesCreated = legacyStores.create(file.readAll(mapping.stores(), RowFields.STORES, "stores"), progress, request.actor());
                }
                for (ImportKind kind : ImportKind.values()) {
                    ImportMapping.Section section = mapping.of(kind);
                    if (section == null) {
                        continue;
                    }
                    RowConverter converter = new RowConverter("legacy:" + section.table() + ":", request.store(),
                            request.zone() != null ? request.zone() : zone(section.timezone()));
                    try (RowSource rows = file.rows(section, kind)) {
                        String stopped = load(kind, rows, converter);
                        if (stopped != null) {
                            return stopped;
                        }
                    }
                }
                if (mapping.chatUsers() != null) {
                    chatResult = chats.link(file.readAll(mapping.chatUsers(), RowFields.CHAT_USERS, "chatUsers"),
                            progress, request.actor());
                }
            }
            return null;
        }

        String csv() throws IOException, InterruptedException {
            if (request.kind() == null) {
                throw new ImportException("A CSV import needs its kind: traffic or sales");
            }
            Map<String, String> columns = new HashMap<>();
            if (request.mapping() != null && request.mapping().of(request.kind()) != null) {
                columns.putAll(request.mapping().of(request.kind()).columns());
            }
            columns.putAll(request.columns());
            ZoneId zone = request.zone();
            if (zone == null && request.mapping() != null && request.mapping().of(request.kind()) != null) {
                zone = zone(request.mapping().of(request.kind()).timezone());
            }
            try (RowSource rows = new CsvRowSource(request.file(), request.name(), request.kind(), columns, request.store() != null)) {
                return load(request.kind(), rows, new RowConverter("", request.store(), zone));
            }
        }

        private String load(ImportKind kind, RowSource rows, RowConverter converter) throws IOException, InterruptedException {
            EventLoader<?> loader = kind == ImportKind.TRAFFIC ? loader(traffic) : loader(sales);
            loaders.add(loader);
            return loader.load(rows, converter);
        }

        private <E extends IngestedEvent> EventLoader<E> loader(EventType<E> type) {
            return new EventLoader<>(type, stores, ingestConfig, aggregates, redisFrom, progress, request.strict(), config.batchSize(),
                    config.concurrency(), monthPartitions);
        }

        /** The days Redis keeps, of each store the import wrote: rebuilt from PostgreSQL, as POST /api/v1/admin/aggregates/rebuild does. */
        void rebuildRedis() {
            Map<String, LocalDate[]> days = new HashMap<>();
            loaders.forEach(loader -> loader.days.forEach((store, range) -> days.merge(store, range, EventLoader::widest)));
            days.forEach((store, range) -> {
                if (!range[1].isBefore(redisFrom)) {
                    LocalDate from = range[0].isBefore(redisFrom) ? redisFrom : range[0];
                    try {
                        rebuild.rebuild(store, from, range[1]).await().atMost(REBUILD_TIMEOUT);
                    } catch (RuntimeException e) {
                        Log.warnf("After the import, Redis of store %s could not be rebuilt (%s); every replica's sync copies the "
                                + "days Redis keeps", store, e.getMessage());
                    }
                }
            });
        }
    }

    private static ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new ImportException("'" + name + "' is not an IANA time zone such as Europe/Lisbon");
        }
    }
}

package com.retailintelligence.db;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.retailintelligence.access.StoreScope;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** Makes the coming months' raw-event partitions and applies the retention settings, at start-up and every interval. */
@ApplicationScoped
public class PartitionMaintenance {

    private final ScopedSql sql;
    private final RetentionConfig config;

    public PartitionMaintenance(ScopedSql sql, RetentionConfig config) {
        this.sql = sql;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.maintenanceInterval().isNegative() || config.maintenanceInterval().isZero()) {
            throw new IllegalStateException("retail.retention.maintenance-interval (RETAIL_RETENTION_MAINTENANCE_INTERVAL) must be "
                    + "positive, not " + config.maintenanceInterval());
        }
        // Not awaited: the service starts meanwhile; the DEFAULT partition keeps any event until the partitions exist.
        scheduled().subscribe().with(done -> {
        });
    }

    @Scheduled(every = "${retail.retention.maintenance-interval:1h}", delayed = "${retail.retention.maintenance-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return runOnce(Instant.now()).invoke(result -> {
            if (result.createdPartitions() > 0 || !result.droppedPartitions().isEmpty() || result.deletedMinuteRollups() > 0) {
                Log.infof("Partition maintenance: %d partitions created, dropped %s, %d minute rollups deleted",
                        result.createdPartitions(), result.droppedPartitions(), result.deletedMinuteRollups());
            }
            if (result.defaultPartitionRows() > 0) {
                Log.warnf("%d raw events are in the DEFAULT partitions (outside every monthly partition); they are kept and "
                        + "counted, maintenance does not move them (docs/partitioning.md)", result.defaultPartitionRows());
            }
        }).onFailure().recoverWithItem(failure -> {
            Log.warnf("Partition maintenance failed (%s); retrying in %s", failure.getMessage(), config.maintenanceInterval());
            return null;
        }).replaceWithVoid();
    }

    /**
     * Makes sure one month has its partitions (the legacy import, before it inserts that month's history, which would
     * otherwise land in DEFAULT); waits, up to about 10 s, while another replica holds the maintenance lock.
     */
    public Uni<Integer> ensureMonth(java.time.YearMonth month) {
        OffsetDateTime start = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        return sql.statement(StoreScope.ALL, "SELECT retail_create_event_partitions($1, 0) AS n", Tuple.of(start))
                .map(rows -> rows.iterator().next().getInteger("n"))
                .chain(n -> n >= 0 ? Uni.createFrom().item(n) : Uni.createFrom().failure(new IllegalStateException(
                        "another replica holds the partition maintenance lock")))
                .onFailure(IllegalStateException.class).retry().withBackOff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(1))
                .atMost(20);
    }

    /** Raw events before this instant are dropped by the retention; null when they are kept forever. */
    public Instant rawEventsKeptFrom(Instant now) {
        return config.rawEventsMonths() == 0 ? null : rawEventsCutoff(now).toInstant();
    }

    /** One pass as of {@code now}; each step is one statement of its own transaction. */
    public Uni<Result> runOnce(Instant now) {
        OffsetDateTime monthStart = now.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        Uni<Integer> created = sql.statement(StoreScope.ALL, "SELECT retail_create_event_partitions($1, $2) AS n",
                Tuple.of(monthStart, config.monthsAhead())).map(rows -> rows.iterator().next().getInteger("n"));
        Uni<List<String>> dropped = config.rawEventsMonths() == 0 ? Uni.createFrom().item(List.of())
                : sql.statement(StoreScope.ALL, "SELECT retail_drop_event_partitions_before($1) AS names",
                        Tuple.of(rawEventsCutoff(now))).map(rows -> {
                            String[] names = rows.iterator().next().getArrayOfStrings("names");
                            return names == null ? List.<String>of() : Arrays.asList(names);
                        });
        Uni<Long> deleted = sql.statement(StoreScope.ALL, "SELECT retail_delete_minute_rollups_before($1) AS n",
                Tuple.of(now.minusSeconds(86_400L * config.minuteRollupsDays()).atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong("n"));
        Uni<Long> inDefault = sql.statement(StoreScope.ALL, "SELECT coalesce(sum(row_count), 0)::bigint AS n FROM retail_default_partition_rows()",
                Tuple.tuple()).map(rows -> rows.iterator().next().getLong("n"));
        return created.chain(c -> dropped.chain(d -> deleted.chain(m -> inDefault.map(n -> new Result(c, d, m, n)))));
    }

    /** Raw events before this instant are dropped (the start of the month rawEventsMonths before the current one). */
    public OffsetDateTime rawEventsCutoff(Instant now) {
        LocalDate month = now.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).minusMonths(config.rawEventsMonths());
        return month.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /**
     * The first store-local day whose raw events are all kept, or null when raw events are kept forever: a
     * rebuild must not reach before it (it would recompute kept rollups from dropped events).
     */
    public LocalDate firstRebuildableDay(Instant now) {
        // A day of the cutoff date can start up to 14 hours before it in UTC, in a dropped month.
        return config.rawEventsMonths() == 0 ? null : rawEventsCutoff(now).toLocalDate().plusDays(1);
    }

    /**
     * What one pass did: partitions created (-1 when another replica held the lock), dropped, minute rollups
     * deleted, and the rows found in the DEFAULT partitions.
     */
    public record Result(int createdPartitions, List<String> droppedPartitions, long deletedMinuteRollups, long defaultPartitionRows) {
    }
}

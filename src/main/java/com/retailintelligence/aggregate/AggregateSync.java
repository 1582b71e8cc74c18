package com.retailintelligence.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

import com.retailintelligence.redis.RedisKeys;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZAddArgs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps Redis equal to the PostgreSQL rollups whatever failed: every replica periodically copies the rollups
 * changed since the last sync (minus an overlap for late commits). After a Redis restart or FLUSHDB the
 * watermark is gone, so the next sync copies every retained day. Writes are idempotent (see AggregateWriter),
 * so replicas syncing at the same time do no harm.
 */
@Singleton
public class AggregateSync {

    private static final String WATERMARK = "watermark";

    private final RollupRepository rollups;
    private final AggregateWriter writer;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final RedisKeys keys;
    private final AggregateConfig config;
    private volatile boolean failing;
    private volatile long lastSuccessMillis = System.currentTimeMillis();

    public AggregateSync(RollupRepository rollups, AggregateWriter writer, ReactiveRedisDataSource redis, RedisKeys keys,
            AggregateConfig config, MeterRegistry registry) {
        this.rollups = rollups;
        this.writer = writer;
        this.sortedSets = redis.sortedSet(String.class);
        this.keys = keys;
        this.config = config;
        Gauge.builder("retail.aggregates.sync.age", this, sync -> (System.currentTimeMillis() - sync.lastSuccessMillis) / 1000.0)
                .description("Seconds since this replica last synced Redis with PostgreSQL (alert when it keeps growing)")
                .baseUnit("seconds").register(registry);
    }

    @Scheduled(every = "${retail.aggregates.sync-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSync() {
        return syncOnce()
                .invoke(() -> {
                    lastSuccessMillis = System.currentTimeMillis();
                    if (failing) {
                        failing = false;
                        Log.info("Redis aggregates are in sync with PostgreSQL again");
                    }
                })
                .onFailure().recoverWithUni(failure -> {
                    if (!failing) {
                        failing = true;
                        Log.warnf("Cannot sync aggregates to Redis (%s); retrying every %s", failure.getMessage(),
                                config.syncInterval());
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /** One sync pass: copy what changed since the watermark, then move the watermark to the read time. */
    public Uni<Void> syncOnce() {
        return sortedSets.zscore(keys.syncState(), WATERMARK)
                .map(score -> score == null ? null : Instant.ofEpochMilli(score.longValue()).minus(config.syncOverlap()))
                .chain(since -> rollups.changedSince(since, firstRetainedDay()))
                .chain(changed -> writer.apply(changed.rows())
                        .chain(() -> sortedSets.zadd(keys.syncState(), new ZAddArgs().gt(),
                                changed.readAt().toEpochMilli(), WATERMARK)))
                .replaceWithVoid();
    }

    private LocalDate firstRetainedDay() {
        // One extra day: the earliest store-local "today" on Earth is behind UTC.
        return LocalDate.now(ZoneOffset.UTC).minusDays(config.retention().toDays() + 1);
    }
}

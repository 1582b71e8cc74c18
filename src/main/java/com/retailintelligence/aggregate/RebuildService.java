package com.retailintelligence.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Recomputes aggregates from the raw events: the rollups in PostgreSQL, then the Redis keys of every
 * store-day concerned, cleared and rewritten. After a FLUSHDB it restores exactly what PostgreSQL holds.
 */
@ApplicationScoped
public class RebuildService {

    /** Deletions of one rebuild in flight at once. */
    private static final int CONCURRENCY = 8;

    private final RollupRepository rollups;
    private final AggregateWriter writer;
    private final ReactiveKeyCommands<String> keyCommands;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final RedisKeys keys;

    public RebuildService(RollupRepository rollups, AggregateWriter writer, ReactiveRedisDataSource redis, RedisKeys keys) {
        this.rollups = rollups;
        this.writer = writer;
        this.keyCommands = redis.key();
        this.sortedSets = redis.sortedSet(String.class);
        this.keys = keys;
    }

    public Uni<RebuildResult> rebuild(String storeId, LocalDate from, LocalDate to) {
        return rollups.storeDays(storeId, from, to)
                .chain(before -> rollups.rebuild(storeId, from, to).map(rows -> new Rebuilt(before, rows)))
                .chain(rebuilt -> clear(rebuilt)
                        .chain(() -> writer.apply(rebuilt.rows()))
                        .map(ignored -> result(rebuilt)))
                .invoke(result -> Log.infof("Rebuilt aggregates: %s", result));
    }

    private Uni<Void> clear(Rebuilt rebuilt) {
        Set<RollupRepository.StoreDay> days = new LinkedHashSet<>(rebuilt.before());
        rebuilt.rows().forEach(row -> days.add(new RollupRepository.StoreDay(row.storeId(), row.localDay())));
        return clear(days);
    }

    /** One UNLINK per store (its keys share one slot), then one ZREM of the stores per ranking key (one slot per date); a few at once. */
    private Uni<Void> clear(Set<RollupRepository.StoreDay> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, List<String>> doomed = new LinkedHashMap<>();
        Map<LocalDate, Set<String>> ranked = new LinkedHashMap<>();
        for (RollupRepository.StoreDay day : days) {
            doomed.computeIfAbsent(day.storeId(), s -> new ArrayList<>()).addAll(storeDayKeys(keys, day.storeId(), day.day()));
            ranked.computeIfAbsent(day.day(), d -> new LinkedHashSet<>()).add(day.storeId());
        }
        List<Uni<Integer>> removals = new ArrayList<>();
        doomed.values().forEach(storeKeys -> removals.add(keyCommands.unlink(storeKeys.toArray(String[]::new))));
        ranked.forEach((day, stores) -> keys.rankings(day)
                .forEach(ranking -> removals.add(sortedSets.zrem(ranking, stores.toArray(String[]::new)))));
        return Multi.createFrom().iterable(removals).onItem().transformToUni(removal -> removal).merge(CONCURRENCY)
                .collect().last().replaceWithVoid();
    }

    /** Every aggregate key of one store-day: its day totals and the minute and hour series of every metric. */
    static List<String> storeDayKeys(RedisKeys keys, String storeId, LocalDate day) {
        List<String> all = new ArrayList<>();
        all.add(keys.dayTotals(storeId, day));
        for (Bucket bucket : List.of(Bucket.MINUTE, Bucket.HOUR)) {
            for (String metric : allMetrics()) {
                all.add(keys.series(storeId, day, bucket.key(), metric));
            }
        }
        return all;
    }

    private static List<String> allMetrics() {
        List<String> metrics = new ArrayList<>(Metrics.TRAFFIC);
        metrics.addAll(Metrics.SALES);
        return metrics;
    }

    private static RebuildResult result(Rebuilt rebuilt) {
        Set<String> stores = new LinkedHashSet<>();
        Set<RollupRepository.StoreDay> days = new LinkedHashSet<>();
        rebuilt.rows().forEach(row -> {
            stores.add(row.storeId());
            days.add(new RollupRepository.StoreDay(row.storeId(), row.localDay()));
        });
        return new RebuildResult(stores.size(), days.size(), rebuilt.rows().size());
    }

    private record Rebuilt(List<RollupRepository.StoreDay> before, List<RollupRow> rows) {
    }

    /** What a rebuild covered: stores, store-days and rollup rows written. */
    @RegisterForReflection
    public record RebuildResult(int stores, int storeDays, int rollups) {
    }
}

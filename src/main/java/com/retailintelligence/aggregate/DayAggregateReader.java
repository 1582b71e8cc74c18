package com.retailintelligence.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.RollupRepository.StoreDay;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.smallrye.mutiny.Uni;

/**
 * Reads a store-local day's aggregates from Redis; when Redis has no totals for that day (an old day past
 * the retention, a Redis just restarted, or Redis unreachable) it reads the same rollups from PostgreSQL.
 */
@ApplicationScoped
public class DayAggregateReader {

    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final RedisKeys keys;
    private final RollupRepository rollups;

    public DayAggregateReader(ReactiveRedisDataSource redis, RedisKeys keys, RollupRepository rollups) {
        this.sortedSets = redis.sortedSet(String.class);
        this.keys = keys;
        this.rollups = rollups;
    }

    public Uni<DayAggregates> read(String storeId, LocalDate day, Bucket bucket, List<String> metrics) {
        List<Uni<List<ScoredValue<String>>>> reads = new ArrayList<>(metrics.size() + 1);
        reads.add(sortedSets.zrangeWithScores(keys.dayTotals(storeId, day), 0, -1));
        for (String metric : metrics) {
            reads.add(sortedSets.zrangeWithScores(keys.series(storeId, day, bucket.key(), metric), 0, -1));
        }
        return Uni.join().all(reads).andFailFast()
                .map(results -> fromRedis(results, metrics))
                .onFailure().recoverWithNull()
                .chain(fromRedis -> fromRedis != null ? Uni.createFrom().item(fromRedis)
                        : rollups.forDay(storeId, day).map(rows -> DayAggregates.fromRows(rows, bucket)));
    }

    /**
     * The day totals of many store-days (a chain's stores on one date): one ZRANGE each, sent together; the
     * store-days Redis has no totals for (or all, when Redis fails) are read from PostgreSQL under the scope,
     * one query per date. A store-day without any data has an empty map.
     */
    public Uni<Map<StoreDay, Map<String, Long>>> totals(StoreScope scope, List<StoreDay> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Uni<List<ScoredValue<String>>>> reads = new ArrayList<>(days.size());
        for (StoreDay day : days) {
            reads.add(sortedSets.zrangeWithScores(keys.dayTotals(day.storeId(), day.day()), 0, -1));
        }
        return Uni.join().all(reads).andFailFast().onFailure().recoverWithNull().chain(results -> {
            Map<StoreDay, Map<String, Long>> found = new HashMap<>();
            Map<LocalDate, List<String>> missing = new HashMap<>();
            for (int i = 0; i < days.size(); i++) {
                StoreDay day = days.get(i);
                if (results == null || results.get(i).isEmpty()) {
                    missing.computeIfAbsent(day.day(), d -> new ArrayList<>()).add(day.storeId());
                    found.put(day, new HashMap<>());
                } else {
                    Map<String, Long> totals = new HashMap<>();
                    results.get(i).forEach(v -> totals.put(v.value(), (long) v.score()));
                    found.put(day, totals);
                }
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<LocalDate, List<String>> date : missing.entrySet()) {
                chain = chain.chain(() -> rollups.dayTotals(scope, date.getValue(), date.getKey(), date.getKey()).invoke(rows -> rows
                        .forEach(row -> found.get(new StoreDay(row.storeId(), row.localDay())).put(row.metric(), row.value())))
                        .replaceWithVoid());
            }
            return chain.replaceWith(found);
        });
    }

    /** Null when Redis holds no totals for the day, so the caller falls back to PostgreSQL. */
    private static DayAggregates fromRedis(List<List<ScoredValue<String>>> results, List<String> metrics) {
        if (results.get(0).isEmpty()) {
            return null;
        }
        Map<String, Long> totals = new HashMap<>();
        results.get(0).forEach(v -> totals.put(v.value(), (long) v.score()));
        Map<String, Map<Instant, Long>> series = new HashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            Map<Instant, Long> values = new HashMap<>();
            results.get(i + 1).forEach(v -> values.put(Instant.ofEpochSecond(Long.parseLong(v.value())), (long) v.score()));
            series.put(metrics.get(i), values);
        }
        return new DayAggregates(series, totals);
    }
}

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
import io.smallrye.mutiny.Multi;
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
        return read(storeId, day, bucket, metrics, bucket, List.of()).map(HoursAndMinutes::hours);
    }

    /** A day's hour series and minute series of two metric lists, read as a whole (the day totals once). */
    public record HoursAndMinutes(DayAggregates hours, DayAggregates minutes) {
    }

    /** One day's hour series of {@code hourMetrics} and minute series of {@code minuteMetrics}: one Redis read, one PostgreSQL fallback. */
    public Uni<HoursAndMinutes> readHoursAndMinutes(String storeId, LocalDate day, List<String> hourMetrics, List<String> minuteMetrics) {
        return read(storeId, day, Bucket.HOUR, hourMetrics, Bucket.MINUTE, minuteMetrics);
    }

    private Uni<HoursAndMinutes> read(String storeId, LocalDate day, Bucket first, List<String> firstMetrics, Bucket second,
            List<String> secondMetrics) {
        List<Uni<List<ScoredValue<String>>>> reads = new ArrayList<>(firstMetrics.size() + secondMetrics.size() + 1);
        reads.add(sortedSets.zrangeWithScores(keys.dayTotals(storeId, day), 0, -1));
        for (String metric : firstMetrics) {
            reads.add(sortedSets.zrangeWithScores(keys.series(storeId, day, first.key(), metric), 0, -1));
        }
        for (String metric : secondMetrics) {
            reads.add(sortedSets.zrangeWithScores(keys.series(storeId, day, second.key(), metric), 0, -1));
        }
        return Uni.join().all(reads).andFailFast()
                .map(results -> results.get(0).isEmpty() ? null : new HoursAndMinutes(fromRedis(results, 1, firstMetrics),
                        fromRedis(results, 1 + firstMetrics.size(), secondMetrics)))
                .onFailure().recoverWithNull()
                .chain(fromRedis -> fromRedis != null ? Uni.createFrom().item(fromRedis)
                        : rollups.forDay(storeId, day).map(rows -> new HoursAndMinutes(DayAggregates.fromRows(rows, first),
                                DayAggregates.fromRows(rows, second))));
    }

    /** Day-totals reads of one {@link #totals} call in flight at once (each store's key may live on another cluster node). */
    private static final int CONCURRENCY = 8;

    /**
     * The day totals of many store-days (a chain's stores on one date): one ZRANGE per store-day, a few in flight at
     * once, since on a Redis Cluster each store's keys live in their own slot (no script or MGET may span them); the
     * store-days Redis has no totals for (or all, when Redis fails) are read from PostgreSQL under the scope, one
     * query per date. A store-day without any data has an empty map.
     */
    public Uni<Map<StoreDay, Map<String, Long>>> totals(StoreScope scope, List<StoreDay> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().range(0, days.size())
                .onItem().transformToUni(i -> sortedSets.zrangeWithScores(keys.dayTotals(days.get(i).storeId(), days.get(i).day()), 0, -1)
                        .map(values -> Map.entry(i, values)))
                .merge(CONCURRENCY)
                .collect().asMap(Map.Entry::getKey, entry -> totalsOf(entry.getValue()))
                .onFailure().recoverWithNull().chain(results -> {
            Map<StoreDay, Map<String, Long>> found = new HashMap<>();
            Map<LocalDate, List<String>> missing = new HashMap<>();
            for (int i = 0; i < days.size(); i++) {
                StoreDay day = days.get(i);
                Map<String, Long> totals = results == null ? Map.of() : results.get(i);
                if (totals.isEmpty()) {
                    missing.computeIfAbsent(day.day(), d -> new ArrayList<>()).add(day.storeId());
                }
                found.put(day, new HashMap<>(totals));
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

    private static Map<String, Long> totalsOf(List<ScoredValue<String>> values) {
        Map<String, Long> totals = new HashMap<>();
        values.forEach(v -> totals.put(v.value(), (long) v.score()));
        return totals;
    }

    /** The totals (results[0]) with the series of {@code metrics}, which start at results[from]. */
    private static DayAggregates fromRedis(List<List<ScoredValue<String>>> results, int from, List<String> metrics) {
        Map<String, Long> totals = new HashMap<>();
        results.get(0).forEach(v -> totals.put(v.value(), (long) v.score()));
        Map<String, Map<Instant, Long>> series = new HashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            Map<Instant, Long> values = new HashMap<>();
            results.get(from + i).forEach(v -> values.put(Instant.ofEpochSecond(Long.parseLong(v.value())), (long) v.score()));
            series.put(metrics.get(i), values);
        }
        return new DayAggregates(series, totals);
    }
}

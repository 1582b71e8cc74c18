package com.retailintelligence.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.redis.RedisKeys;
import com.retailintelligence.support.RedisSnapshot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The store script, one ZADD GT per sorted set with all its pairs: a batch spread over an hour of minutes lands whole,
 * stays idempotent when replayed, and a stale (lower) value never lowers what is there, member by member.
 */
@QuarkusTest
class AggregateWriterTest {

    @Inject
    AggregateWriter writer;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    RedisKeys keys;

    @Test
    void spreadRowsLandPerMemberWithZaddGt() {
        String store = "agw-" + System.nanoTime();
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        Instant hour = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        // 90 minutes over two hours and both metrics, their hours and the day: values grow with the minute.
        List<RollupRow> rows = new ArrayList<>();
        for (String metric : List.of(Metrics.VISITORS, Metrics.EXITS)) {
            for (int m = 0; m < 90; m++) {
                rows.add(new RollupRow(store, metric, Bucket.MINUTE, hour.plusSeconds(60L * m), day, m + 1));
            }
            rows.add(new RollupRow(store, metric, Bucket.HOUR, hour, day, 1830));
            rows.add(new RollupRow(store, metric, Bucket.HOUR, hour.plusSeconds(3600), day, 2265));
            rows.add(new RollupRow(store, metric, Bucket.DAY, hour, day, 4095));
        }
        writer.apply(rows).await().atMost(Duration.ofSeconds(10));
        writer.apply(rows).await().atMost(Duration.ofSeconds(10));   // a replay changes nothing

        Map<String, Double> minutes = members(keys.series(store, day, "minute", Metrics.VISITORS));
        assertEquals(90, minutes.size());
        for (int m = 0; m < 90; m++) {
            assertEquals(m + 1.0, minutes.get(Long.toString(hour.plusSeconds(60L * m).getEpochSecond())));
        }
        assertEquals(2265.0, RedisSnapshot.score(redis, keys.series(store, day, "hour", Metrics.EXITS),
                Long.toString(hour.plusSeconds(3600).getEpochSecond())));
        assertEquals(4095.0, RedisSnapshot.score(redis, keys.dayTotals(store, day), Metrics.EXITS));

        // Stale rows (lower) for even minutes and newer (higher) for odd ones, in one call: each member on its own.
        List<RollupRow> mixed = new ArrayList<>();
        for (int m = 0; m < 90; m++) {
            mixed.add(new RollupRow(store, Metrics.VISITORS, Bucket.MINUTE, hour.plusSeconds(60L * m), day, m % 2 == 0 ? 0 : 1000 + m));
        }
        mixed.add(new RollupRow(store, Metrics.VISITORS, Bucket.DAY, hour, day, 3));
        writer.apply(mixed).await().atMost(Duration.ofSeconds(10));
        minutes = members(keys.series(store, day, "minute", Metrics.VISITORS));
        for (int m = 0; m < 90; m++) {
            assertEquals(m % 2 == 0 ? m + 1.0 : 1000.0 + m, minutes.get(Long.toString(hour.plusSeconds(60L * m).getEpochSecond())));
        }
        assertEquals(4095.0, RedisSnapshot.score(redis, keys.dayTotals(store, day), Metrics.VISITORS));

        // Every key written expires, and the day is indexed for the store.
        for (String key : List.of(keys.series(store, day, "minute", Metrics.EXITS), keys.series(store, day, "hour", Metrics.VISITORS),
                keys.dayTotals(store, day), keys.storeDays(store))) {
            long ttl = redis.key().ttl(key).await().atMost(Duration.ofSeconds(5));
            assertTrue(ttl > 0, key + " has TTL " + ttl);
        }
        assertEquals(List.of(day.toString()), List.copyOf(redis.set(String.class).smembers(keys.storeDays(store))
                .await().atMost(Duration.ofSeconds(5))));
    }

    private Map<String, Double> members(String key) {
        Map<String, Double> members = new TreeMap<>();
        redis.sortedSet(String.class).zrangeWithScores(key, 0, -1).await().atMost(Duration.ofSeconds(5))
                .forEach(value -> members.put(value.value(), value.score()));
        return members;
    }
}

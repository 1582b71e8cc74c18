package com.retailintelligence.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.RollupRepository.StoreDay;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The day totals of many stores come from Redis in one script call (PostgreSQL only for what Redis lacks). */
@QuarkusTest
class DayTotalsReadTest {

    @Inject
    DayAggregateReader reader;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisKeys keys;

    @Test
    void aThousandStoresInOneRead() {
        LocalDate day = LocalDate.of(2026, 11, 18);
        List<StoreDay> days = new ArrayList<>();
        String run = Long.toString(System.nanoTime());
        for (int i = 0; i < 1000; i++) {
            StoreDay storeDay = new StoreDay("redis-only-" + run + "-" + i, day);
            days.add(storeDay);
            if (i % 2 == 0) {
                // Totals only Redis has (no such store in PostgreSQL): a fallback to PostgreSQL would find nothing.
                redis.sortedSet(String.class).zadd(keys.dayTotals(storeDay.storeId(), day), Map.of(Metrics.VISITORS, (double) i,
                        Metrics.GROSS, 9_007_199_254_740_991.0)).await().atMost(Duration.ofSeconds(5));
            }
        }
        Map<StoreDay, Map<String, Long>> totals = reader.totals(StoreScope.ALL, days).await().atMost(Duration.ofSeconds(10));
        assertEquals(1000, totals.size());
        assertEquals(998L, totals.get(days.get(998)).get(Metrics.VISITORS));
        assertEquals(9_007_199_254_740_991L, totals.get(days.get(998)).get(Metrics.GROSS), "exact up to 2^53 - 1");
        assertEquals(Map.of(), totals.get(days.get(999)));
        days.forEach(d -> redis.key().del(keys.dayTotals(d.storeId(), day)).await().atMost(Duration.ofSeconds(5)));
    }
}

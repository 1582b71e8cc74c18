package com.retailintelligence.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.redis.RedisKeys;
import com.retailintelligence.support.RedisSnapshot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Not a test (its name keeps it out of the suite): times {@link AggregateWriter#apply} on the configured Redis for
 * the rows of a one-event batch (one store: minute, hour and day of visitors and exits) and of a 100-event batch
 * spread over 20 stores. Prints numbers; asserts only that the last write landed.
 * Run: ./mvnw -B -o test -Dtest=AggregateWriteBench -Dsurefire.failIfNoSpecifiedTests=false
 */
@QuarkusTest
class AggregateWriteBench {

    @Inject
    AggregateWriter writer;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    RedisKeys keys;

    @Test
    void measure() {
        // Today (UTC): not a late day, so no version refresh, as for live ingest.
        LocalDate day = LocalDate.now(java.time.ZoneOffset.UTC);
        Instant start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        String run = "wbench-" + System.nanoTime();
        for (int round = 0; round < 2; round++) {
            // Round 0 warms up; round 1 is reported.
            long[] one = time(3_000, i -> rows(List.of(run + "-0"), start, day, i));
            List<String> stores = new ArrayList<>();
            for (int s = 0; s < 20; s++) {
                stores.add(run + "-" + s);
            }
            long[] spread = time(500, i -> rows(stores, start, day, i));
            if (round == 1) {
                System.out.println("AggregateWriteBench: 1 store, 6 rows per apply: " + summary(one));
                System.out.println("AggregateWriteBench: 20 stores, 120 rows per apply: " + summary(spread));
            }
        }
        assertEquals(3000.0, RedisSnapshot.score(redis, keys.dayTotals(run + "-0", day), Metrics.VISITORS));
    }

    private long[] time(int calls, java.util.function.IntFunction<List<RollupRow>> rows) {
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            List<RollupRow> batch = rows.apply(i);
            long t = System.nanoTime();
            writer.apply(batch).await().atMost(Duration.ofSeconds(10));
            nanos[i] = System.nanoTime() - t;
        }
        return nanos;
    }

    /** The rollup rows one event per store gives: minute, hour and day of visitors and exits, values growing with i. */
    private static List<RollupRow> rows(List<String> stores, Instant start, LocalDate day, int i) {
        List<RollupRow> rows = new ArrayList<>();
        Instant at = start.plusSeconds(i % 3600);
        for (String store : stores) {
            for (String metric : List.of(Metrics.VISITORS, Metrics.EXITS)) {
                rows.add(new RollupRow(store, metric, Bucket.MINUTE, at.truncatedTo(ChronoUnit.MINUTES), day, i + 1));
                rows.add(new RollupRow(store, metric, Bucket.HOUR, at.truncatedTo(ChronoUnit.HOURS), day, i + 1));
                rows.add(new RollupRow(store, metric, Bucket.DAY, start, day, i + 1));
            }
        }
        return rows;
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(nanos).sum() / 1e6;
        return String.format("%d calls, mean %.3f ms, p50 %.3f ms, p99 %.3f ms", nanos.length, total / nanos.length,
                sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6);
    }
}

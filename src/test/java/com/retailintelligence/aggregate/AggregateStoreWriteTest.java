package com.retailintelligence.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.retailintelligence.redis.RedisKeys;

/** StoreWrite groups a store's rows by sorted set: each key once, with its pair count and (score, member) pairs. */
class AggregateStoreWriteTest {

    private final RedisKeys keys = new RedisKeys(() -> "t:");

    @Test
    void groupsRowsByKeyInFirstSeenOrder() {
        LocalDate day = LocalDate.of(2026, 10, 25);
        LocalDate next = day.plusDays(1);
        Instant m1 = Instant.parse("2026-10-25T23:58:00Z");
        Instant m2 = Instant.parse("2026-10-25T23:59:00Z");
        Instant m3 = Instant.parse("2026-10-26T00:00:00Z");
        List<RollupRow> rows = List.of(
                new RollupRow("s1", Metrics.VISITORS, Bucket.MINUTE, m1, day, 5),
                new RollupRow("s1", Metrics.EXITS, Bucket.MINUTE, m1, day, 2),
                new RollupRow("s1", Metrics.VISITORS, Bucket.MINUTE, m2, day, 7),
                new RollupRow("s1", Metrics.VISITORS, Bucket.HOUR, Instant.parse("2026-10-25T23:00:00Z"), day, 12),
                new RollupRow("s1", Metrics.VISITORS, Bucket.DAY, Instant.parse("2026-10-25T00:00:00Z"), day, 40),
                new RollupRow("s1", Metrics.EXITS, Bucket.DAY, Instant.parse("2026-10-25T00:00:00Z"), day, 30),
                new RollupRow("s1", Metrics.VISITORS, Bucket.MINUTE, m3, next, 1));

        StoreWrite write = StoreWrite.of(keys, "s1", rows, 3600);

        assertEquals(List.of(keys.storeDays("s1"), keys.series("s1", day, "minute", Metrics.VISITORS),
                keys.series("s1", day, "minute", Metrics.EXITS), keys.series("s1", day, "hour", Metrics.VISITORS),
                keys.dayTotals("s1", day), keys.series("s1", next, "minute", Metrics.VISITORS)), write.keys());
        assertEquals(List.of("3600",
                "2", "5", Long.toString(m1.getEpochSecond()), "7", Long.toString(m2.getEpochSecond()),
                "1", "2", Long.toString(m1.getEpochSecond()),
                "1", "12", Long.toString(Instant.parse("2026-10-25T23:00:00Z").getEpochSecond()),
                "2", "40", Metrics.VISITORS, "30", Metrics.EXITS,
                "1", "1", Long.toString(m3.getEpochSecond()),
                day.toString(), next.toString()), write.args());
    }
}

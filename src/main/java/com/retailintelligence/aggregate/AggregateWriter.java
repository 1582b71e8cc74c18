package com.retailintelligence.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Singleton;

import com.retailintelligence.redis.LuaScript;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Writes absolute rollup values to Redis. Values only grow (gross sales and refunds are kept apart), so
 * {@code ZADD GT} makes every write idempotent and order-independent: replaying a row, or a stale row
 * arriving late, never changes a count. Each call touches one Redis Cluster hash slot: one script per store
 * (its series, day totals and day index, tag {store}) and one per date (its rankings, tag {date}), which raises
 * each store's visitors, gross and refunds there with {@code ZADD GT} from the same absolute day rows and derives
 * the revenue ranking from the two. The calls are independent of each other, so they run side by side.
 */
@Singleton
public class AggregateWriter {

    /** Rows per chunk: keeps each script call short, since a script blocks Redis while it runs. */
    static final int CHUNK = 500;

    /** Script calls of one chunk in flight at once. */
    private static final int CONCURRENCY = 8;

    /**
     * KEYS[1]: the store's day index, KEYS[2..]: the sorted sets. ARGV: ttl, then per sorted set its pair count and
     * (score, member) pairs, then the days to index (see StoreWrite). One ZADD GT and one EXPIRE per sorted set; ZADD
     * applies its pairs in order, as one call per pair would. unpack() stays far below Lua's stack limit: a chunk has
     * at most CHUNK rows.
     */
    private static final LuaScript STORE = new LuaScript("""
            local ttl = tonumber(ARGV[1])
            local a = 2
            for k = 2, #KEYS do
              local n = tonumber(ARGV[a])
              redis.call('ZADD', KEYS[k], 'GT', unpack(ARGV, a + 1, a + 2 * n))
              redis.call('EXPIRE', KEYS[k], ttl)
              a = a + 1 + 2 * n
            end
            if a <= #ARGV then
              redis.call('SADD', KEYS[1], unpack(ARGV, a, #ARGV))
            end
            redis.call('EXPIRE', KEYS[1], ttl)
            return #KEYS - 1
            """);

    /**
     * KEYS: visitor, revenue, gross and refunds rankings of one date. ARGV: ttl, then (store, visitors, gross,
     * refunds) quadruples, 0 for a metric the rows do not carry. Revenue = the highest gross seen minus the highest
     * refunds seen: exact whatever the order of the calls.
     */
    private static final LuaScript RANK = new LuaScript("""
            local ttl = tonumber(ARGV[1])
            for i = 2, #ARGV, 4 do
              local store = ARGV[i]
              redis.call('ZADD', KEYS[1], 'GT', ARGV[i + 1], store)
              redis.call('ZADD', KEYS[3], 'GT', ARGV[i + 2], store)
              redis.call('ZADD', KEYS[4], 'GT', ARGV[i + 3], store)
              local net = tonumber(redis.call('ZSCORE', KEYS[3], store)) - tonumber(redis.call('ZSCORE', KEYS[4], store))
              redis.call('ZADD', KEYS[2], net, store)
            end
            for k = 1, 4 do
              redis.call('EXPIRE', KEYS[k], ttl)
            end
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;
    private final long ttlSeconds;
    private final DayVersions versions;

    public AggregateWriter(ReactiveRedisDataSource redis, RedisKeys keys, AggregateConfig config, DayVersions versions) {
        this.redis = redis;
        this.keys = keys;
        this.versions = versions;
        this.ttlSeconds = config.retention().toSeconds();
    }

    /**
     * Applies the rows in chunks, one chunk after the other; then refreshes the versions of the days that may have
     * ended already (late events), so what was cached from them is read afresh.
     */
    public Uni<Void> apply(List<RollupRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        Set<RollupRepository.StoreDay> lateDays = new LinkedHashSet<>();
        for (RollupRow row : rows) {
            if (row.bucket() == Bucket.DAY && DayVersions.mayBeLate(row.bucketStart(), now)) {
                lateDays.add(new RollupRepository.StoreDay(row.storeId(), row.localDay()));
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<RollupRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            chain = chain.chain(() -> applyChunk(chunk));
        }
        return lateDays.isEmpty() ? chain : chain.chain(() -> versions.refresh(lateDays));
    }

    /** One script per store and one per date of the chunk, a few at once. */
    private Uni<Void> applyChunk(List<RollupRow> rows) {
        Map<String, List<RollupRow>> byStore = new LinkedHashMap<>();
        Map<LocalDate, Map<String, long[]>> standings = new TreeMap<>();
        for (RollupRow row : rows) {
            byStore.computeIfAbsent(row.storeId(), s -> new ArrayList<>()).add(row);
            if (row.bucket() == Bucket.DAY) {
                long[] standing = standings.computeIfAbsent(row.localDay(), d -> new LinkedHashMap<>())
                        .computeIfAbsent(row.storeId(), s -> new long[3]);
                switch (row.metric()) {
                    case Metrics.VISITORS -> standing[0] = row.value();
                    case Metrics.GROSS -> standing[1] = row.value();
                    case Metrics.REFUNDS -> standing[2] = row.value();
                    default -> {
                    }
                }
            }
        }
        List<Uni<Void>> calls = new ArrayList<>(byStore.size() + standings.size());
        byStore.forEach((storeId, storeRows) -> calls.add(applyStore(storeId, storeRows)));
        standings.forEach((day, stores) -> calls.add(rank(day, stores)));
        return Multi.createFrom().iterable(calls).onItem().transformToUni(call -> call).merge(CONCURRENCY)
                .collect().last().replaceWithVoid();
    }

    /** One store's rows in one script call (one slot). */
    private Uni<Void> applyStore(String storeId, List<RollupRow> rows) {
        StoreWrite write = StoreWrite.of(keys, storeId, rows, ttlSeconds);
        return STORE.run(redis, write.keys(), write.args()).replaceWithVoid();
    }

    /** One date's rankings in one script call (one slot): visitors, gross and refunds of each store with day rows. */
    private Uni<Void> rank(LocalDate day, Map<String, long[]> stores) {
        List<String> args = new ArrayList<>(stores.size() * 4 + 1);
        args.add(Long.toString(ttlSeconds));
        stores.forEach((storeId, standing) -> {
            args.add(storeId);
            for (long value : standing) {
                args.add(Long.toString(value));
            }
        });
        return RANK.run(redis, keys.rankings(day), args).replaceWithVoid();
    }
}

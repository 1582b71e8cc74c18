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
import io.vertx.mutiny.redis.client.Response;

/**
 * Writes absolute rollup values to Redis. Values only grow (gross sales and refunds are kept apart), so
 * {@code ZADD GT} makes every write idempotent and order-independent: replaying a row, or a stale row
 * arriving late, never changes a count. Each call touches one Redis Cluster hash slot: one script per store
 * (its series and day totals, tag {store}) answers the day totals it left, then one script per date (its
 * rankings, tag {date}) raises each store's visitors, gross and refunds there with {@code ZADD GT} and derives the
 * revenue ranking from the two, so the rankings stay exact and order-independent too.
 */
@Singleton
public class AggregateWriter {

    /** Rows per chunk: keeps each script call short, since a script blocks Redis while it runs. */
    static final int CHUNK = 500;

    /** Store script calls of one chunk in flight at once. */
    private static final int CONCURRENCY = 8;

    /**
     * KEYS[1]: the store's day index, KEYS[2..n+1]: one sorted set per row, then the day totals of the days to rank.
     * ARGV: ttl, n, n (score, member) pairs, the number of days to index, those days. Answers {visitors, gross,
     * refunds} of each day totals key to rank, in order.
     */
    private static final LuaScript STORE = new LuaScript("""
            local ttl = tonumber(ARGV[1])
            local n = tonumber(ARGV[2])
            for i = 1, n do
              redis.call('ZADD', KEYS[1 + i], 'GT', ARGV[1 + 2 * i], ARGV[2 + 2 * i])
              redis.call('EXPIRE', KEYS[1 + i], ttl)
            end
            local a = 3 + 2 * n
            local days = tonumber(ARGV[a])
            for d = 1, days do
              redis.call('SADD', KEYS[1], ARGV[a + d])
            end
            redis.call('EXPIRE', KEYS[1], ttl)
            local totals = {}
            for k = n + 2, #KEYS do
              local function score(metric)
                return tonumber(redis.call('ZSCORE', KEYS[k], metric) or '0')
              end
              totals[#totals + 1] = {score('visitors'), score('gross'), score('refunds')}
            end
            return totals
            """);

    /**
     * KEYS: visitor, revenue, gross and refunds rankings of one date. ARGV: ttl, then (store, visitors, gross,
     * refunds) quadruples. Revenue = the highest gross seen minus the highest refunds seen: exact whatever the order.
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

    /** The store scripts of the chunk (a few at once), then one ranking script per date they answered totals for. */
    private Uni<Void> applyChunk(List<RollupRow> rows) {
        Map<String, List<RollupRow>> byStore = new LinkedHashMap<>();
        rows.forEach(row -> byStore.computeIfAbsent(row.storeId(), s -> new ArrayList<>()).add(row));
        return Multi.createFrom().iterable(byStore.entrySet())
                .onItem().transformToUni(store -> applyStore(store.getKey(), store.getValue())).merge(CONCURRENCY)
                .collect().in(() -> new TreeMap<LocalDate, List<String>>(), (ranks, standings) -> standings
                        .forEach(standing -> ranks.computeIfAbsent(standing.day(), d -> new ArrayList<>()).addAll(standing.args())))
                .chain(ranks -> Multi.createFrom().iterable(ranks.entrySet())
                        .onItem().transformToUniAndConcatenate(day -> rank(day.getKey(), day.getValue()))
                        .collect().last())
                .replaceWithVoid();
    }

    /** One store's rows in one script call (one slot); answers the store's standing on each day it has totals rows for. */
    private Uni<List<Standing>> applyStore(String storeId, List<RollupRow> rows) {
        List<String> keyArgs = new ArrayList<>(rows.size() + 4);
        List<String> valueArgs = new ArrayList<>(rows.size() * 2 + 8);
        Set<LocalDate> indexed = new LinkedHashSet<>();
        Set<LocalDate> ranked = new LinkedHashSet<>();
        keyArgs.add(keys.storeDays(storeId));
        valueArgs.add(Long.toString(ttlSeconds));
        valueArgs.add(Integer.toString(rows.size()));
        for (RollupRow row : rows) {
            indexed.add(row.localDay());
            valueArgs.add(Long.toString(row.value()));
            if (row.bucket() == Bucket.DAY) {
                keyArgs.add(keys.dayTotals(storeId, row.localDay()));
                valueArgs.add(row.metric());
                ranked.add(row.localDay());
            } else {
                keyArgs.add(keys.series(storeId, row.localDay(), row.bucket().key(), row.metric()));
                valueArgs.add(Long.toString(row.bucketStart().getEpochSecond()));
            }
        }
        valueArgs.add(Integer.toString(indexed.size()));
        indexed.forEach(day -> valueArgs.add(day.toString()));
        List<LocalDate> days = new ArrayList<>(ranked);
        days.forEach(day -> keyArgs.add(keys.dayTotals(storeId, day)));
        return STORE.run(redis, keyArgs, valueArgs).map(reply -> {
            List<Standing> standings = new ArrayList<>(days.size());
            for (int i = 0; i < days.size(); i++) {
                Response totals = reply.get(i);
                standings.add(new Standing(days.get(i), List.of(storeId, totals.get(0).toString(), totals.get(1).toString(),
                        totals.get(2).toString())));
            }
            return standings;
        });
    }

    /** One date's rankings in one script call (one slot), for every store of the chunk with totals that day. */
    private Uni<Void> rank(LocalDate day, List<String> quadruples) {
        List<String> args = new ArrayList<>(quadruples.size() + 1);
        args.add(Long.toString(ttlSeconds));
        args.addAll(quadruples);
        return RANK.run(redis, keys.rankings(day), args).replaceWithVoid();
    }

    /** A store's day totals as the ranking script takes them: store, visitors, gross, refunds. */
    private record Standing(LocalDate day, List<String> args) {
    }
}

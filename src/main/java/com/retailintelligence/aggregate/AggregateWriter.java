package com.retailintelligence.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Singleton;

import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Writes absolute rollup values to Redis. Values only grow (gross sales and refunds are kept apart), so
 * {@code ZADD GT} makes every write idempotent and order-independent: replaying a row, or a stale row
 * arriving late, never changes a count. The day rankings are refreshed from the totals in the same script.
 */
@Singleton
public class AggregateWriter {

    /** Rows per script call: keeps each call short, since a script blocks Redis while it runs. */
    static final int CHUNK = 500;

    private static final String SCRIPT = """
            local ttl = tonumber(ARGV[1])
            local n = tonumber(ARGV[2])
            for i = 1, n do
              redis.call('ZADD', KEYS[i], 'GT', ARGV[1 + 2 * i], ARGV[2 + 2 * i])
              redis.call('EXPIRE', KEYS[i], ttl)
            end
            local a = 3 + 2 * n
            local k = n + 1
            while k <= #KEYS do
              local totals = KEYS[k]
              local visitors = tonumber(redis.call('ZSCORE', totals, 'visitors') or '0')
              local net = tonumber(redis.call('ZSCORE', totals, 'gross') or '0')
                  - tonumber(redis.call('ZSCORE', totals, 'refunds') or '0')
              redis.call('ZADD', KEYS[k + 1], visitors, ARGV[a])
              redis.call('ZADD', KEYS[k + 2], net, ARGV[a])
              redis.call('EXPIRE', KEYS[k + 1], ttl)
              redis.call('EXPIRE', KEYS[k + 2], ttl)
              k = k + 3
              a = a + 1
            end
            return n
            """;

    private static final String SCRIPT_SHA = sha1(SCRIPT);

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

    private static String sha1(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Applies the rows in chunks, one script call per chunk, one after the other; then refreshes the versions of the
     * days that may have ended already (late events), so what was cached from them is read afresh.
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

    private Uni<Void> applyChunk(List<RollupRow> rows) {
        List<String> keyArgs = new ArrayList<>(rows.size() + 8);
        List<String> valueArgs = new ArrayList<>(rows.size() * 2 + 8);
        Set<StoreDay> touchedDays = new LinkedHashSet<>();
        for (RollupRow row : rows) {
            if (row.bucket() == Bucket.DAY) {
                keyArgs.add(keys.dayTotals(row.storeId(), row.localDay()));
                valueArgs.add(Long.toString(row.value()));
                valueArgs.add(row.metric());
                touchedDays.add(new StoreDay(row.storeId(), row.localDay()));
            } else {
                keyArgs.add(keys.series(row.storeId(), row.localDay(), row.bucket().key(), row.metric()));
                valueArgs.add(Long.toString(row.value()));
                valueArgs.add(Long.toString(row.bucketStart().getEpochSecond()));
            }
        }
        for (StoreDay day : touchedDays) {
            keyArgs.add(keys.dayTotals(day.storeId(), day.day()));
            keyArgs.add(keys.visitorRanking(day.day()));
            keyArgs.add(keys.revenueRanking(day.day()));
            valueArgs.add(day.storeId());
        }
        List<String> args = new ArrayList<>(3 + keyArgs.size() + valueArgs.size());
        args.add(SCRIPT_SHA);
        args.add(Integer.toString(keyArgs.size()));
        args.addAll(keyArgs);
        args.add(Long.toString(ttlSeconds));
        args.add(Integer.toString(rows.size()));
        args.addAll(valueArgs);
        String[] evalSha = args.toArray(String[]::new);
        // The script is sent once per Redis (re)start: EVALSHA, and EVAL (which caches it) when Redis lacks it.
        return redis.execute("EVALSHA", evalSha)
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> {
                    evalSha[0] = SCRIPT;
                    return redis.execute("EVAL", evalSha);
                })
                .replaceWithVoid();
    }

    private record StoreDay(String storeId, LocalDate day) {
    }
}

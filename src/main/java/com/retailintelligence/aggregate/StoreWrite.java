package com.retailintelligence.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.retailintelligence.redis.RedisKeys;

/**
 * One store's rollup rows as the keys and arguments of AggregateWriter's store script, grouped by sorted set: each
 * key once, with all its (score, member) pairs, so the script sends one {@code ZADD GT} and one {@code EXPIRE} per
 * key rather than per row (a batch spread over an hour has some 60 rows per key).
 * KEYS: the store's day index, then each sorted set. ARGV: ttl, then per sorted set its pair count and pairs, then
 * the days to index.
 */
record StoreWrite(List<String> keys, List<String> args) {

    static StoreWrite of(RedisKeys redisKeys, String storeId, List<RollupRow> rows, long ttlSeconds) {
        Map<String, List<String>> pairsByKey = new LinkedHashMap<>();
        Set<LocalDate> days = new LinkedHashSet<>();
        for (RollupRow row : rows) {
            days.add(row.localDay());
            String key;
            String member;
            if (row.bucket() == Bucket.DAY) {
                key = redisKeys.dayTotals(storeId, row.localDay());
                member = row.metric();
            } else {
                key = redisKeys.series(storeId, row.localDay(), row.bucket().key(), row.metric());
                member = Long.toString(row.bucketStart().getEpochSecond());
            }
            List<String> pairs = pairsByKey.computeIfAbsent(key, k -> new ArrayList<>());
            pairs.add(Long.toString(row.value()));
            pairs.add(member);
        }
        List<String> keys = new ArrayList<>(pairsByKey.size() + 1);
        List<String> args = new ArrayList<>(rows.size() * 2 + pairsByKey.size() + days.size() + 1);
        keys.add(redisKeys.storeDays(storeId));
        args.add(Long.toString(ttlSeconds));
        pairsByKey.forEach((key, pairs) -> {
            keys.add(key);
            args.add(Integer.toString(pairs.size() / 2));
            args.addAll(pairs);
        });
        days.forEach(day -> args.add(day.toString()));
        return new StoreWrite(keys, args);
    }
}

package com.retailintelligence.support;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.RedisValueType;
import io.quarkus.redis.datasource.sortedset.ScoredValue;

/**
 * Every sorted set under a key prefix (the aggregates; not the strings that cache analytics and reports) with its
 * members and scores, to compare Redis states in tests.
 */
public final class RedisSnapshot {

    private RedisSnapshot() {
    }

    public static Map<String, Map<String, Double>> take(ReactiveRedisDataSource redis, String prefix, String exceptKey) {
        Map<String, Map<String, Double>> snapshot = new TreeMap<>();
        redis.key().scan(new KeyScanArgs().match(prefix + "*").type(RedisValueType.ZSET).count(1000)).toMulti()
                .collect().asList().await().atMost(Duration.ofSeconds(30))
                .forEach(key -> {
                    if (key.equals(exceptKey)) {
                        return;
                    }
                    Map<String, Double> members = new TreeMap<>();
                    for (ScoredValue<String> value : redis.sortedSet(String.class).zrangeWithScores(key, 0, -1)
                            .await().atMost(Duration.ofSeconds(10))) {
                        members.put(value.value(), value.score());
                    }
                    snapshot.put(key, members);
                });
        return snapshot;
    }

    public static double score(ReactiveRedisDataSource redis, String key, String member) {
        Double score = redis.sortedSet(String.class).zscore(key, member).await().atMost(Duration.ofSeconds(10));
        return score == null ? 0 : score;
    }
}

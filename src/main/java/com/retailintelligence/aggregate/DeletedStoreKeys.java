package com.retailintelligence.aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.retailintelligence.redis.RedisKeys;
import com.retailintelligence.store.StoreDeleted;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Drops a deleted store's live aggregates from Redis: its series and day totals (found with SCAN, never KEYS)
 * and its places in the day rankings. Best effort: the keys expire after the retention anyway.
 */
@Singleton
public class DeletedStoreKeys {

    private final ReactiveKeyCommands<String> keyCommands;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final RedisKeys keys;

    public DeletedStoreKeys(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.keyCommands = redis.key();
        this.sortedSets = redis.sortedSet(String.class);
        this.keys = keys;
    }

    void onDeleted(@Observes StoreDeleted event) {
        forget(event.storeId()).subscribe().with(ignored -> {
        }, failure -> Log.warnf("Could not remove the Redis keys of deleted store %s (they expire on their own): %s",
                event.storeId(), failure.getMessage()));
    }

    /** Removes every key of the store and its ranking entries. */
    public Uni<Void> forget(String storeId) {
        return Multi.createFrom().iterable(keys.storeKeyPatterns(storeId))
                .onItem().transformToMultiAndConcatenate(pattern -> keyCommands.scan(new KeyScanArgs().match(pattern).count(500)).toMulti())
                .collect().asList()
                .chain(found -> {
                    List<Uni<Void>> removals = new ArrayList<>();
                    for (String key : found) {
                        LocalDate day = keys.dayOfTotals(key);
                        if (day != null) {
                            removals.add(sortedSets.zrem(keys.visitorRanking(day), storeId).replaceWithVoid());
                            removals.add(sortedSets.zrem(keys.revenueRanking(day), storeId).replaceWithVoid());
                        }
                    }
                    if (!found.isEmpty()) {
                        removals.add(keyCommands.unlink(found.toArray(String[]::new)).replaceWithVoid());
                    }
                    return removals.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(removals).andFailFast().replaceWithVoid();
                });
    }
}

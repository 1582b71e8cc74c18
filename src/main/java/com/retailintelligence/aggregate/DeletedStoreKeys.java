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
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.smallrye.mutiny.Uni;

/**
 * Drops a deleted store's live aggregates from Redis: its series and day totals (the days listed in its day index)
 * and its places in the day rankings. Best effort: the keys expire after the retention anyway.
 */
@Singleton
public class DeletedStoreKeys {

    private final ReactiveKeyCommands<String> keyCommands;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final ReactiveSetCommands<String, String> sets;
    private final RedisKeys keys;

    public DeletedStoreKeys(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.keyCommands = redis.key();
        this.sortedSets = redis.sortedSet(String.class);
        this.sets = redis.set(String.class);
        this.keys = keys;
    }

    void onDeleted(@Observes StoreDeleted event) {
        forget(event.storeId()).subscribe().with(ignored -> {
        }, failure -> Log.warnf("Could not remove the Redis keys of deleted store %s (they expire on their own): %s",
                event.storeId(), failure.getMessage()));
    }

    /**
     * Removes every key of the store and its ranking entries. The days come from the store's day index (SCAN would
     * have to visit every node of a cluster); the store's keys share one slot, so one UNLINK takes them all.
     */
    public Uni<Void> forget(String storeId) {
        return sets.smembers(keys.storeDays(storeId)).chain(found -> {
            List<String> doomed = new ArrayList<>();
            List<Uni<Void>> removals = new ArrayList<>();
            doomed.add(keys.storeDays(storeId));
            for (String text : found) {
                LocalDate day = parse(text);
                if (day != null) {
                    doomed.addAll(RebuildService.storeDayKeys(keys, storeId, day));
                    keys.rankings(day).forEach(ranking -> removals.add(sortedSets.zrem(ranking, storeId).replaceWithVoid()));
                }
            }
            removals.add(keyCommands.unlink(doomed.toArray(String[]::new)).replaceWithVoid());
            return Uni.join().all(removals).andFailFast().replaceWithVoid();
        });
    }

    private static LocalDate parse(String day) {
        try {
            return LocalDate.parse(day);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}

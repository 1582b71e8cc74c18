package com.retailintelligence.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import com.retailintelligence.aggregate.RollupRepository.StoreDay;
import com.retailintelligence.redis.LuaScript;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The version of each ended store-local day's figures, kept in Redis and shared by every replica: a digest of the
 * day's totals there, refreshed whenever the day's rollups are written after it may have ended (late events, a
 * rebuild, the sync). Totals only grow, so a late event always gives a new version, while the sync writing the
 * same rows again leaves it as it is. Whatever is cached from a day (its figures, the reports built on it) is
 * keyed by the versions it was built from, so a late event makes every such entry unreachable at once, with no
 * race between a reader filling the cache and the event (docs/analytics.md, "Caching"). A day never refreshed
 * reads as version 0.
 */
@Singleton
public class DayVersions {

    /**
     * A day's rollups changing this long after its local midnight may be a late event (no local day is shorter
     * than 23 hours): a superset of "after the day ended", so no late event is missed.
     */
    static final Duration SHORTEST_DAY = Duration.ofHours(23);

    /** Outlives every cache entry keyed by it, so an expired counter never brings back an old entry. */
    static final Duration KEEP = Duration.ofDays(3);

    /** KEYS: version and totals key of each day; sets each version to a digest of the day's totals (metric=value, in order). */
    private static final LuaScript REFRESH = new LuaScript("""
            for i = 1, #KEYS, 2 do
              local totals = redis.call('ZRANGE', KEYS[i + 1], 0, -1, 'WITHSCORES')
              local parts = {}
              for j = 1, #totals, 2 do
                parts[#parts + 1] = totals[j] .. '=' .. totals[j + 1]
              end
              table.sort(parts)
              redis.call('SET', KEYS[i], string.sub(redis.sha1hex(table.concat(parts, ',')), 1, 16), 'EX', ARGV[1])
            end
            return #KEYS / 2
            """);

    private final ReactiveRedisDataSource redis;
    private final RedisKeys keys;

    public DayVersions(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Whether a change to the day starting at {@code dayStart} may come after the day ended. */
    static boolean mayBeLate(Instant dayStart, Instant now) {
        return !now.isBefore(dayStart.plus(SHORTEST_DAY));
    }

    /** Refreshes the versions of these days from their totals in Redis (one script call per store: one slot each). */
    public Uni<Void> refresh(Collection<StoreDay> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, List<String>> byStore = new LinkedHashMap<>();
        days.forEach(day -> {
            List<String> storeKeys = byStore.computeIfAbsent(day.storeId(), s -> new ArrayList<>());
            storeKeys.add(keys.dayVersion(day.storeId(), day.day()));
            storeKeys.add(keys.dayTotals(day.storeId(), day.day()));
        });
        List<String> args = List.of(Long.toString(KEEP.toSeconds()));
        return Multi.createFrom().iterable(byStore.values())
                .onItem().transformToUniAndConcatenate(storeKeys -> REFRESH.run(redis, storeKeys, args))
                .collect().last().replaceWithVoid();
    }

    /** The versions of these days, in order ("0" for a day never refreshed). */
    public Uni<List<String>> read(List<StoreDay> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // One MGET per store: a store's keys share one slot, another store's may live on another node.
        Map<String, List<String>> byStore = new LinkedHashMap<>();
        days.forEach(day -> byStore.computeIfAbsent(day.storeId(), s -> new ArrayList<>()).add(keys.dayVersion(day.storeId(), day.day())));
        List<Uni<Map<String, String>>> reads = new ArrayList<>(byStore.size());
        byStore.values().forEach(storeKeys -> reads.add(redis.value(String.class).mget(storeKeys.toArray(String[]::new))));
        return Uni.join().all(reads).andFailFast().map(found -> {
            Map<String, String> all = new HashMap<>();
            found.forEach(all::putAll);
            List<String> versions = new ArrayList<>(days.size());
            for (StoreDay day : days) {
                String version = all.get(keys.dayVersion(day.storeId(), day.day()));
                versions.add(version == null ? "0" : version);
            }
            return versions;
        });
    }
}

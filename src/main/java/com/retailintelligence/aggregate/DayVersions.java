package com.retailintelligence.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.inject.Singleton;

import com.retailintelligence.aggregate.RollupRepository.StoreDay;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The version of each ended store-local day's figures, kept in Redis and shared by every replica: bumped
 * whenever the day's rollups change after it ended (late events, a rebuild). Whatever is cached from a day
 * (its figures, the reports built on it) is keyed by the versions it was built from, so a late event makes
 * every such entry unreachable at once, with no race between a reader filling the cache and the event
 * (docs/analytics.md, "Caching"). A day never bumped reads as version 0.
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

    /** Bumps the versions of these days (one INCR and EXPIRE each, in one script call). */
    public Uni<Void> bump(Collection<StoreDay> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> args = new ArrayList<>(days.size() + 3);
        args.add("for _, k in ipairs(KEYS) do redis.call('INCR', k) redis.call('EXPIRE', k, ARGV[1]) end return #KEYS");
        args.add(Integer.toString(days.size()));
        days.forEach(day -> args.add(keys.dayVersion(day.storeId(), day.day())));
        args.add(Long.toString(KEEP.toSeconds()));
        return redis.execute("EVAL", args.toArray(String[]::new)).replaceWithVoid();
    }

    /** The versions of these days, in order ("0" for a day never bumped). */
    public Uni<List<String>> read(List<StoreDay> days) {
        if (days.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] versionKeys = days.stream().map(day -> keys.dayVersion(day.storeId(), day.day())).toArray(String[]::new);
        return redis.value(String.class).mget(versionKeys).map(found -> {
            List<String> versions = new ArrayList<>(versionKeys.length);
            for (String key : versionKeys) {
                String version = found.get(key);
                versions.add(version == null ? "0" : version);
            }
            return versions;
        });
    }
}

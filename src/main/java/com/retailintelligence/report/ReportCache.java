package com.retailintelligence.report;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.aggregate.DayVersions;
import com.retailintelligence.aggregate.RollupRepository.StoreDay;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Recent reports of ended periods, cached in Redis for every replica under the versions of the days they read
 * ({@link DayVersions}): a late event for one of those days changes its version, so the next request builds the
 * report afresh, and reports that do not read that day stay cached (docs/analytics.md, "Caching"). Redis
 * failing only costs the cache.
 */
@ApplicationScoped
public class ReportCache {

    static final Duration TTL = Duration.ofHours(24);

    private final DayVersions versions;
    private final ReactiveValueCommands<String, byte[]> values;
    private final RedisKeys keys;

    public ReportCache(DayVersions versions, ReactiveRedisDataSource redis, RedisKeys keys) {
        this.versions = versions;
        this.values = redis.value(byte[].class);
        this.keys = keys;
    }

    /** The cached report named {@code name} of a store as of the versions of {@code reads}, else built and cached. */
    public Uni<Report> get(String storeId, String name, List<StoreDay> reads, String mediaType, String filename, Supplier<Uni<Report>> build) {
        return versions.read(reads).map(found -> keys.report(storeId, name, String.join(".", found)))
                .chain(key -> values.get(key).map(bytes -> new Lookup(key, bytes)))
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Report cache unavailable (%s); building the report", failure.getMessage());
                    return new Lookup(null, null);
                })
                .chain(lookup -> {
                    if (lookup.bytes != null) {
                        return Uni.createFrom().item(new Report(lookup.bytes, mediaType, filename));
                    }
                    return build.get().call(report -> report == null || lookup.key == null ? Uni.createFrom().voidItem()
                            : values.setex(lookup.key, TTL.toSeconds(), report.body()).onFailure().recoverWithNull());
                });
    }

    private record Lookup(String key, byte[] bytes) {
    }
}

package com.retailintelligence.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.DayAggregateReader;
import com.retailintelligence.aggregate.DayVersions;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.aggregate.RollupRepository;
import com.retailintelligence.aggregate.RollupRepository.StoreDay;
import com.retailintelligence.aggregate.RollupRow;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@link DayFacts}: a day not yet ended from the live aggregates (Redis, PostgreSQL when Redis lacks
 * it); ended days from a Redis cache keyed by each day's {@link DayVersions version}, filled from the
 * PostgreSQL rollups on a miss (one query for all missing days). Redis failing only costs the cache.
 */
@ApplicationScoped
public class DayFactsReader {

    /** How long an ended day's facts stay cached (a late event makes them unreachable sooner). */
    static final Duration CACHE_TTL = Duration.ofHours(24);

    private static final List<String> ALL_METRICS = List.of(Metrics.VISITORS, Metrics.EXITS, Metrics.TRANSACTIONS,
            Metrics.ITEMS, Metrics.GROSS, Metrics.REFUNDS, Metrics.REFUND_COUNT);

    /**
     * The cache's own JSON: what it reads is what it wrote, so the strict checks of the service's mapper (made for
     * request bodies: text rules, duplicate keys) would only cost time — a third of a summary's, profiled.
     */
    private static final ObjectMapper CACHE_JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final DayAggregateReader live;
    private final RollupRepository rollups;
    private final DayVersions versions;
    private final ReactiveValueCommands<String, String> values;
    private final RedisKeys keys;
    private final ObjectMapper mapper;

    public DayFactsReader(DayAggregateReader live, RollupRepository rollups, DayVersions versions, ReactiveRedisDataSource redis,
            RedisKeys keys) {
        this.live = live;
        this.rollups = rollups;
        this.versions = versions;
        this.values = redis.value(String.class);
        this.keys = keys;
        this.mapper = CACHE_JSON;
    }

    /** Whether the store-local day has ended (its figures change only by late events from then on). */
    public static boolean ended(LocalDate day, ZoneId zone, Instant now) {
        return !now.isBefore(day.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** One day with its peak occupancy (the day a summary or report is about). */
    public Uni<DayFacts> day(StoreScope scope, String storeId, ZoneId zone, LocalDate day) {
        if (!ended(day, zone, Instant.now())) {
            return live.readHoursAndMinutes(storeId, day, ALL_METRICS, Metrics.TRAFFIC)
                    .map(read -> DayFacts.of(day, read.hours(), read.minutes()));
        }
        return cached(scope, storeId, zone, List.of(day), true).map(found -> found.get(day));
    }

    /** Ended days without peak occupancy (comparisons, forecasts), by day; days not ended are read live. */
    public Uni<Map<LocalDate, DayFacts>> days(StoreScope scope, String storeId, ZoneId zone, List<LocalDate> days) {
        Instant now = Instant.now();
        List<LocalDate> endedDays = days.stream().filter(day -> ended(day, zone, now)).toList();
        List<LocalDate> open = days.stream().filter(day -> !ended(day, zone, now)).toList();
        Uni<Map<LocalDate, DayFacts>> fromCache = cached(scope, storeId, zone, endedDays, false);
        if (open.isEmpty()) {
            return fromCache;
        }
        return fromCache.chain(found -> {
            Uni<Map<LocalDate, DayFacts>> chain = Uni.createFrom().item(new HashMap<>(found));
            for (LocalDate day : open) {
                chain = chain.chain(all -> day(scope, storeId, zone, day).map(facts -> {
                    all.put(day, facts);
                    return all;
                }));
            }
            return chain;
        });
    }

    private Uni<Map<LocalDate, DayFacts>> cached(StoreScope scope, String storeId, ZoneId zone, List<LocalDate> days, boolean withPeak) {
        if (days.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<StoreDay> storeDays = days.stream().map(day -> new StoreDay(storeId, day)).toList();
        return versions.read(storeDays)
                .chain(dayVersions -> {
                    String[] cacheKeys = new String[days.size()];
                    for (int i = 0; i < days.size(); i++) {
                        cacheKeys[i] = keys.dayFacts(storeId, days.get(i), dayVersions.get(i) + (withPeak ? "p" : ""));
                    }
                    return values.mget(cacheKeys).map(found -> new Lookup(cacheKeys, found));
                })
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("Day facts cache unavailable (%s); reading PostgreSQL", failure.getMessage());
                    return new Lookup(null, Map.of());
                })
                .chain(lookup -> {
                    Map<LocalDate, DayFacts> result = new HashMap<>();
                    List<LocalDate> missing = new ArrayList<>();
                    for (int i = 0; i < days.size(); i++) {
                        DayFacts facts = lookup.keys == null ? null : parse(lookup.found.get(lookup.keys[i]));
                        if (facts != null) {
                            result.put(days.get(i), facts);
                        } else {
                            missing.add(days.get(i));
                        }
                    }
                    if (missing.isEmpty()) {
                        return Uni.createFrom().item(result);
                    }
                    return fromDatabase(scope, storeId, zone, missing, withPeak).chain(read -> {
                        result.putAll(read);
                        return lookup.keys == null ? Uni.createFrom().item(result) : store(lookup, days, read).replaceWith(result);
                    });
                });
    }

    private Uni<Map<LocalDate, DayFacts>> fromDatabase(StoreScope scope, String storeId, ZoneId zone, List<LocalDate> days,
            boolean withPeak) {
        Uni<List<RollupRow>> coarse = rollups.hoursAndTotals(scope, storeId, days);
        Uni<List<RollupRow>> rows = !withPeak ? coarse : coarse.chain(found -> {
            // Only the single day of a summary or report needs its minutes (for the peak occupancy).
            LocalDate day = days.get(0);
            return rollups.minutes(scope, storeId, Metrics.TRAFFIC, day.atStartOfDay(zone).toInstant(),
                    day.plusDays(1).atStartOfDay(zone).toInstant()).map(minutes -> {
                        List<RollupRow> all = new ArrayList<>(found);
                        all.addAll(minutes);
                        return all;
                    });
        });
        return rows.map(all -> {
            Map<LocalDate, DayFacts> read = new HashMap<>();
            for (LocalDate day : days) {
                read.put(day, DayFacts.of(day, all));
            }
            return read;
        });
    }

    /** Caches what was read, under the versions read before it was (a late event since then makes it unreachable). */
    private Uni<Void> store(Lookup lookup, List<LocalDate> days, Map<LocalDate, DayFacts> read) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < days.size(); i++) {
            DayFacts facts = read.get(days.get(i));
            if (facts != null) {
                String key = lookup.keys[i];
                String json = write(facts);
                chain = chain.chain(() -> values.setex(key, CACHE_TTL.toSeconds(), json));
            }
        }
        return chain.onFailure().recoverWithNull().replaceWithVoid();
    }

    private DayFacts parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, DayFacts.class);
        } catch (JsonProcessingException e) {
            Log.warnf("Ignoring an unreadable cached day (%s)", e.getOriginalMessage());
            return null;
        }
    }

    private String write(DayFacts facts) {
        try {
            return mapper.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Lookup(String[] keys, Map<String, String> found) {
    }
}

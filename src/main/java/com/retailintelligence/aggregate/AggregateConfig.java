package com.retailintelligence.aggregate;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings for the live aggregates that Redis mirrors from PostgreSQL. */
@ConfigMapping(prefix = "retail.aggregates")
public interface AggregateConfig {

    /** How long per-day keys live in Redis; older days are served from PostgreSQL (RETAIL_AGGREGATES_RETENTION). */
    @WithDefault("P8D")
    Duration retention();

    /** How often each replica copies recently changed rollups to Redis (RETAIL_AGGREGATES_SYNC_INTERVAL). */
    @WithDefault("2s")
    Duration syncInterval();

    /**
     * How far behind the last sync a sync looks again, to catch transactions that committed after a
     * sync read past their timestamp (RETAIL_AGGREGATES_SYNC_OVERLAP). Must exceed the longest ingest statement plus
     * one second (the rollups' {@code updated_at} is kept to the second, see RollupSql).
     */
    @WithDefault("30s")
    Duration syncOverlap();

    /** Longest wait for Redis on the request path before the request answers anyway (RETAIL_AGGREGATES_WRITE_TIMEOUT). */
    @WithDefault("500ms")
    Duration writeTimeout();
}

package com.retailintelligence.store;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long store facts are cached (the key's name says where it matters most: the ingest path). */
@ConfigMapping(prefix = "retail.ingest")
public interface StoreCacheConfig {

    /**
     * How long a replica trusts what it looked up of a store (time zone, currency) before asking PostgreSQL
     * again (RETAIL_INGEST_STORE_CACHE_TTL). Unknown stores are never cached.
     */
    @WithDefault("5s")
    Duration storeCacheTtl();
}

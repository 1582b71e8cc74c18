package com.retailintelligence.db;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on waiting for PostgreSQL, so that an outage or overload is answered quickly (503) instead of queued. */
@ConfigMapping(prefix = "retail.db")
public interface DatabaseConfig {

    /** Requests that may wait for a pooled connection; one more is refused at once (RETAIL_DB_MAX_WAITING). */
    @WithDefault("256")
    int maxWaiting();

    /** Longest wait for a pooled connection before giving up (RETAIL_DB_ACQUIRE_TIMEOUT). */
    @WithDefault("5s")
    Duration acquireTimeout();

    /** Longest wait for a new connection to PostgreSQL to be established (RETAIL_DB_CONNECT_TIMEOUT). */
    @WithDefault("3s")
    Duration connectTimeout();
}

package com.retailintelligence.ingest;

import java.time.Duration;
import java.time.Instant;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on posted event batches. */
@ConfigMapping(prefix = "retail.ingest")
public interface IngestConfig {

    /** Most events in one batch; more gets 413 (RETAIL_INGEST_MAX_BATCH). */
    @WithDefault("1000")
    int maxBatch();

    /** How far in the future an event's timestamp may lie, for clock skew (RETAIL_INGEST_MAX_FUTURE). */
    @WithDefault("PT5M")
    Duration maxFuture();

    /**
     * The earliest event timestamp accepted (RETAIL_INGEST_EARLIEST_TIMESTAMP); older readings are refused (400)
     * rather than stored as year 0001 or 1900 by a sensor with a reset clock.
     */
    @WithDefault("2000-01-01T00:00:00Z")
    Instant earliestTimestamp();

    /** Most events in one insert statement shared by concurrent requests (RETAIL_INGEST_MAX_STATEMENT_EVENTS). */
    @WithDefault("2000")
    int maxStatementEvents();

    /** Most insert statements of one event type in flight at once (RETAIL_INGEST_MAX_STATEMENTS_IN_FLIGHT). */
    @WithDefault("4")
    int maxStatementsInFlight();

    /**
     * Most ingest requests (both types) a replica works on at once (RETAIL_INGEST_MAX_REQUESTS_IN_FLIGHT); one more
     * is answered 503 with Retry-After before its body is even read. The bound that small requests (single events)
     * meet: each costs about as much again in HTTP, authentication and answer as in its events.
     */
    @WithDefault("512")
    int maxRequestsInFlight();

    /**
     * Most body bytes, by Content-Length, of the ingest requests a replica works on at once
     * (RETAIL_INGEST_MAX_BODY_BYTES_IN_FLIGHT); a request that would go beyond is answered 503 with Retry-After
     * before its body is read, unless it is alone. The bound that batches meet: about 128 batches of 100 events
     * (~12 KB each), 13 of 1,000.
     */
    @WithDefault("1536K")
    MemorySize maxBodyBytesInFlight();

    /**
     * Most events of one type waiting for a statement while the statements in flight run
     * (RETAIL_INGEST_MAX_QUEUED_EVENTS); a batch that would go beyond is refused at once with 503 and Retry-After,
     * so overload shows as refusals, not as latency and memory that grow without bound.
     */
    @WithDefault("8000")
    int maxQueuedEvents();
}

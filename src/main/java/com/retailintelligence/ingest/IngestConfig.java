package com.retailintelligence.ingest;

import java.time.Duration;

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

    /** Most events in one insert statement shared by concurrent requests (RETAIL_INGEST_MAX_STATEMENT_EVENTS). */
    @WithDefault("2000")
    int maxStatementEvents();

    /** Most insert statements of one event type in flight at once (RETAIL_INGEST_MAX_STATEMENTS_IN_FLIGHT). */
    @WithDefault("4")
    int maxStatementsInFlight();
}

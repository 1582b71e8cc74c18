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
}

package com.retailintelligence.ingest;

import java.time.Instant;

/** What every kind of ingested event has: its id from the source, its store and when it happened. */
public interface IngestedEvent {

    String id();

    String storeId();

    Instant timestamp();
}

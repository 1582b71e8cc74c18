package com.retailintelligence.traffic;

import java.time.Instant;

import com.retailintelligence.ingest.IngestedEvent;

/** One people-counter reading: people in and out through a door over a short interval. */
public record TrafficReading(String id, String storeId, String sensorId, Instant timestamp, int in, int out)
        implements IngestedEvent {
}

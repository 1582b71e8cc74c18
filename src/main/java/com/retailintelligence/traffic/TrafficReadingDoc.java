package com.retailintelligence.traffic;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented shape of one people-counter reading (the body is read by hand, see EventBatch). */
@Schema(name = "TrafficReading")
public record TrafficReadingDoc(
        @Schema(required = true, description = "Unique per store, from the source", example = "door1-000123") String id,
        @Schema(required = true, example = "lisbon-chiado") String storeId,
        @Schema(required = true, example = "door-1") String sensorId,
        @Schema(required = true, description = "ISO-8601 with offset, at most 5 minutes ahead",
                example = "2026-11-26T10:15:00Z") String timestamp,
        @Schema(required = true, minimum = "0", example = "3") int in,
        @Schema(required = true, minimum = "0", example = "1") int out) {
}

package com.retailintelligence.audit;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An audit log row as the API shows it; {@code occurrences} is above 1 for a row folding repeated denials. */
@RegisterForReflection
public record AuditRecord(long id, OffsetDateTime at, String actor,
        @com.fasterxml.jackson.annotation.JsonProperty("interface") String channel, String action, String target,
        String result, String requestId, String detail, int occurrences) {
}

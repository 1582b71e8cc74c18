package com.retailintelligence.store;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A store as the API shows it: slug id (used by sensors and POS systems), name, IANA time zone, capacity, sales currency. */
@RegisterForReflection
public record Store(String id, String name, String timezone, Integer capacity, String currency, OffsetDateTime createdAt) {
}

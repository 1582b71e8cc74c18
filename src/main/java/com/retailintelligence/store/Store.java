package com.retailintelligence.store;

import java.time.OffsetDateTime;

/** A store as the API shows it: slug id (used by sensors and POS systems), name, IANA time zone, capacity, sales currency. */
public record Store(String id, String name, String timezone, Integer capacity, String currency, OffsetDateTime createdAt) {
}

package com.retailintelligence.store;

import java.time.OffsetDateTime;

/** A store as the API shows it: its slug id (used by sensors and POS systems), name, IANA time zone and capacity. */
public record Store(String id, String name, String timezone, Integer capacity, OffsetDateTime createdAt) {
}

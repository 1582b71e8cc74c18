package com.retailintelligence.alert;

import java.time.Instant;

/** The filters of the alert list: each may be null (not filtered); {@code before} pages on by id. */
public record AlertQuery(String storeId, String status, Instant from, Instant to, int limit, Long before) {
}

package com.retailintelligence.aggregate;

import java.time.Instant;
import java.time.LocalDate;

/** One absolute rollup value from PostgreSQL: a store's metric in one bucket. */
public record RollupRow(String storeId, String metric, Bucket bucket, Instant bucketStart, LocalDate localDay, long value) {
}

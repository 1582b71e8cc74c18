package com.retailintelligence.aggregate;

import java.time.Duration;

/** The time buckets of the rollups; {@code DAY} holds a store-local day's totals. */
public enum Bucket {
    MINUTE("minute", Duration.ofMinutes(1)), HOUR("hour", Duration.ofHours(1)), DAY("day", Duration.ofDays(1));

    private final String key;
    private final Duration length;

    Bucket(String key, Duration length) {
        this.key = key;
        this.length = length;
    }

    public String key() {
        return key;
    }

    /** The bucket's length; for DAY only nominal (a local day may last 23 or 25 hours). */
    public Duration length() {
        return length;
    }

    public static Bucket fromKey(String key) {
        for (Bucket bucket : values()) {
            if (bucket.key.equals(key)) {
                return bucket;
            }
        }
        throw new IllegalArgumentException("unknown bucket " + key);
    }
}

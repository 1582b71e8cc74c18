package com.retailintelligence.db;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Raw-event partitions and retention (docs/partitioning.md); a bad value stops the start with its name. */
@ConfigMapping(prefix = "retail.retention")
public interface RetentionConfig {

    /**
     * Whole months of raw events kept before the current one; partitions entirely older are dropped with their
     * dedupe ids, rollups stay (RETAIL_RETENTION_RAW_EVENTS_MONTHS). 0 = keep forever.
     */
    @WithDefault("0")
    @Min(0)
    @Max(1200)
    int rawEventsMonths();

    /** Days of minute rollups kept; older ones are deleted, hour and day rollups stay (RETAIL_RETENTION_MINUTE_ROLLUPS_DAYS). */
    @WithDefault("400")
    @Min(1)
    @Max(36600)
    int minuteRollupsDays();

    /** How often each replica runs the maintenance, also run at start-up (RETAIL_RETENTION_MAINTENANCE_INTERVAL). */
    @WithDefault("1h")
    Duration maintenanceInterval();

    /** Months of partitions made ahead of the current one (RETAIL_RETENTION_MONTHS_AHEAD). */
    @WithDefault("3")
    @Min(1)
    @Max(24)
    int monthsAhead();
}

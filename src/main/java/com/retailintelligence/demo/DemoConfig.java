package com.retailintelligence.demo;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The demo: three stores in different time zones with a live, realistic day of traffic and sales, and weeks of history. */
@ConfigMapping(prefix = "retail.demo")
public interface DemoConfig {

    /** Whether to create the demo stores and feed them (RETAIL_DEMO; on in dev mode). */
    @WithName("enabled")
    @WithDefault("false")
    boolean enabled();

    /** Length of one generated reading window (RETAIL_DEMO_WINDOW). */
    @WithDefault("15s")
    Duration window();

    /**
     * Weeks of history written at start-up: the weeks before today and the same weeks a year earlier
     * (RETAIL_DEMO_HISTORY_WEEKS; 0: no history, at most 52).
     */
    @WithDefault("8")
    @Min(0)
    @Max(52)
    int historyWeeks();
}

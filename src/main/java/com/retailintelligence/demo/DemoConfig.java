package com.retailintelligence.demo;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The demo: three stores in different time zones with a live, realistic day of traffic and sales. */
@ConfigMapping(prefix = "retail.demo")
public interface DemoConfig {

    /** Whether to create the demo stores and feed them (RETAIL_DEMO; on in dev mode). */
    @WithName("enabled")
    @WithDefault("false")
    boolean enabled();

    /** Length of one generated reading window (RETAIL_DEMO_WINDOW). */
    @WithDefault("15s")
    Duration window();
}

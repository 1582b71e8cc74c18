package com.retailintelligence.alert;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the alert engine (RETAIL_ALERTS_*). */
@ConfigMapping(prefix = "retail.alerts")
public interface AlertConfig {

    /** How often the time-driven rules (silences, windows, conversion) are checked, by one replica per interval. */
    @WithDefault("30s")
    Duration checkInterval();

    /** How often each replica writes the sensor sightings it noted (sensor-silent). */
    @WithDefault("5s")
    Duration sightingsInterval();

    /** How many earlier same weekdays make a traffic-anomaly rule's usual level. */
    @WithDefault("4")
    int anomalyWeeks();

    /** A window is judged this long after it ends, so that readings sent a little late are counted. */
    @WithDefault("60s")
    Duration windowGrace();

    /** Below this many usual visitors in a window, a traffic-anomaly rule does not judge it (too few to tell). */
    @WithDefault("5")
    int anomalyMinimumUsual();
}

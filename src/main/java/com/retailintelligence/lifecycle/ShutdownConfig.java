package com.retailintelligence.lifecycle;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a replica stops on SIGTERM (docs/operations.md); the pod's termination grace period must exceed delay + drain timeout. */
@ConfigMapping(prefix = "retail.shutdown")
public interface ShutdownConfig {

    /**
     * Time between SIGTERM and the end of service, while readiness is already down and load balancers take the
     * replica out; requests and live feeds are still served (RETAIL_SHUTDOWN_DELAY).
     */
    @WithDefault("5s")
    Duration delay();

    /** After the delay: longest time requests in flight get to finish while new ones are answered 503 (RETAIL_SHUTDOWN_DRAIN_TIMEOUT). */
    @WithDefault("20s")
    Duration drainTimeout();
}

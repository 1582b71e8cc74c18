package com.retailintelligence.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness DOWN from SIGTERM on, whatever order Quarkus' own shutdown listeners run in. */
@Readiness
@ApplicationScoped
public class ShutdownReadiness implements HealthCheck {

    private final GracefulShutdown shutdown;

    public ShutdownReadiness(GracefulShutdown shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Not shutting down").status(!shutdown.stopping()).build();
    }
}

package com.retailintelligence.live;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

/**
 * This replica's live feeds when it stops (lifecycle.GracefulShutdown decides when): new feeds refused with 503 and
 * Retry-After (LiveUpgradeCheck asks {@link #draining}), then every open feed closed with 1001 (going away), which
 * clients answer by reconnecting — through the load balancer, to another replica.
 */
@Singleton
public class LiveShutdown {

    /** WebSocket close code 1001: the endpoint is going away. */
    static final int GOING_AWAY = 1001;

    private final LiveFeedHub hub;
    private final AtomicBoolean draining = new AtomicBoolean();

    public LiveShutdown(LiveFeedHub hub) {
        this.hub = hub;
    }

    /** True once this replica has begun to stop. */
    boolean draining() {
        return draining.get();
    }

    /** New feeds are refused from now on; returns how many are open. */
    public int refuseNew() {
        draining.set(true);
        return hub.connectionCount();
    }

    /** Closes every open feed with 1001; returns how many. */
    public int closeAll() {
        draining.set(true);
        return hub.closeAll(GOING_AWAY, "server shutting down");
    }
}

package com.retailintelligence.lifecycle;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.retailintelligence.http.RequestDrain;
import com.retailintelligence.live.LiveShutdown;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * A replica's way out on SIGTERM, run on Quarkus' shutdown thread before the HTTP server closes: readiness down and
 * new live feeds refused at once; requests still served for the shutdown delay while load balancers take the replica
 * out; then live feeds closed with 1001 so screens reconnect elsewhere, new requests answered 503, and the requests in
 * flight given up to the drain timeout to finish. Only then does Quarkus go on to close the server.
 */
@Singleton
public class GracefulShutdown {

    private final ShutdownConfig config;
    private final LiveShutdown live;
    private final RequestDrain requests;
    private final AtomicBoolean stopping = new AtomicBoolean();

    public GracefulShutdown(ShutdownConfig config, LiveShutdown live, RequestDrain requests) {
        this.config = config;
        this.live = live;
        this.requests = requests;
    }

    /** True from SIGTERM on (ShutdownReadiness reports DOWN). */
    boolean stopping() {
        return stopping.get();
    }

    /**
     * Fired by Quarkus (quarkus.shutdown.delay-enabled) on its shutdown thread as the shutdown begins; blocking here
     * (the delay, then the drain) is what holds the shutdown back. Never on an event loop: requests keep being served
     * on those meanwhile.
     */
    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) throws InterruptedException {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("the shutdown sequence blocks and must not run on an event loop");
        }
        long started = System.nanoTime();
        stopping.set(true);
        int feeds = live.refuseNew();
        Log.infof("Stopping: not ready; serving for %d ms more (RETAIL_SHUTDOWN_DELAY), %d live feeds open",
                config.delay().toMillis(), feeds);
        Thread.sleep(config.delay().toMillis());
        int closed = live.closeAll();
        int inFlight = requests.refuseNew();
        boolean idle = requests.awaitIdle(config.drainTimeout());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (idle) {
            Log.infof("Stopping: closed %d live feeds with 1001, %d requests in flight finished; %d ms since SIGTERM",
                    closed, inFlight, millis);
        } else {
            Log.warnf("Stopping with %d requests still in flight after the drain timeout (RETAIL_SHUTDOWN_DRAIN_TIMEOUT); "
                    + "closed %d live feeds with 1001; %d ms since SIGTERM", requests.inFlight(), closed, millis);
        }
    }
}

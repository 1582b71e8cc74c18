package com.retailintelligence.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Counts the HTTP requests in flight (not WebSocket upgrades: a live feed never ends) so that a replica that stops
 * can let them finish: once {@link #refuseNew} is called, new requests are answered 503 with Retry-After, and
 * {@link #awaitIdle} waits for the rest (lifecycle.GracefulShutdown drives both). Quarkus' quarkus.shutdown.timeout is
 * not used for this: it counts every WebSocket upgrade as a request that never ends, so a replica that ever held a
 * live feed would always wait the whole timeout (docs/operations.md).
 */
@Singleton
public class RequestDrain {

    /** Before every other handler, so that nothing else starts work for a request that is refused. */
    static final int ORDER = RequestGuard.ORDER - 10;

    private final EdgeProblems problems;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean refusing = new AtomicBoolean();

    public RequestDrain(EdgeProblems problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::count);
    }

    private void count(RoutingContext context) {
        if ("websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"))) {
            context.next();
            return;
        }
        if (refusing.get()) {
            context.response().putHeader("Retry-After", "1");
            problems.send(context, 503, "This replica is shutting down; try again.", true);
            return;
        }
        inFlight.incrementAndGet();
        context.addEndHandler(ignored -> inFlight.decrementAndGet());
        context.next();
    }

    /** From now on new requests are answered 503; returns how many are in flight. */
    public int refuseNew() {
        refusing.set(true);
        return inFlight.get();
    }

    /**
     * Blocks until no request is in flight or the timeout passes; true when none is left. For Quarkus' shutdown thread
     * only (lifecycle.GracefulShutdown): blocking is what holds the shutdown back, and an event loop must never wait.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("awaitIdle blocks: call it from the shutdown thread, not an event loop");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return inFlight.get() == 0;
    }

    public int inFlight() {
        return inFlight.get();
    }
}

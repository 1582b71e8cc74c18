package com.retailintelligence.ingest;

import static com.retailintelligence.problem.TransientFailures.Kind.OVERLOADED;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.retailintelligence.http.EdgeProblems;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds the ingest requests a replica works on at once ({@code RETAIL_INGEST_MAX_REQUESTS_IN_FLIGHT}): one more
 * is answered 503 with Retry-After at once, before its body is parsed or authenticated — the cheapest refusal
 * there is. Offered far more than it can take, the service then serves about its capacity, each accepted request
 * waits behind at most that many others (latency stays bounded), and the bodies held in memory are bounded too.
 * The statement queue of {@link StatementBatcher} is the second bound, behind this one.
 */
@Singleton
public class IngestAdmission {

    /**
     * After the request id filter (-2000), before the request guard (-1900), which reads chunked bodies, and before
     * security and Quarkus REST: a refused request costs neither a buffered body nor a token check.
     */
    static final int ORDER = -1950;

    private final IngestConfig config;
    private final EdgeProblems problems;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;

    public IngestAdmission(IngestConfig config, EdgeProblems problems, MeterRegistry registry) {
        this.config = config;
        this.problems = problems;
        this.refused = Counter.builder("retail.ingest.refused").tag("type", "any").tag("reason", "requests-in-flight")
                .description("Ingest requests refused with 503 because the replica already had its most in flight")
                .register(registry);
        Gauge.builder("retail.ingest.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Ingest requests this replica is working on").register(registry);
    }

    void install(@Observes Router router) {
        // With or without a trailing slash, as Quarkus REST matches them.
        router.postWithRegex("/api/v1/(traffic|sales)/events/?").order(ORDER).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        if (inFlight.incrementAndGet() > config.maxRequestsInFlight()) {
            inFlight.decrementAndGet();
            refused.increment();
            refuse(context);
            return;
        }
        context.addEndHandler(ignored -> inFlight.decrementAndGet());
        context.next();
    }

    /**
     * Reads (and drops) the body first, so the connection stays usable for the client's next request; a client that
     * waits for "100 Continue" before sending its body gets the answer at once, and the connection is closed.
     */
    private void refuse(RoutingContext context) {
        if (context.request().isEnded()) {
            problems.sendUnavailable(context, OVERLOADED, null, false);
            return;
        }
        if ("100-continue".equalsIgnoreCase(context.request().getHeader("Expect"))) {
            problems.sendUnavailable(context, OVERLOADED, null, true);
            return;
        }
        context.request().handler(ignored -> {
        });
        context.request().endHandler(ignored -> problems.sendUnavailable(context, OVERLOADED, null, false));
        context.request().resume();
    }
}

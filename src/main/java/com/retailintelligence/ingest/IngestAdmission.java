package com.retailintelligence.ingest;

import static com.retailintelligence.problem.TransientFailures.Kind.OVERLOADED;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.retailintelligence.http.EdgeProblems;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds the ingest work a replica takes on at once: requests in flight ({@code RETAIL_INGEST_MAX_REQUESTS_IN_FLIGHT})
 * and the body bytes they declared ({@code RETAIL_INGEST_MAX_BODY_BYTES_IN_FLIGHT}), see {@link AdmissionBudget}.
 * One more is answered 503 with Retry-After at once, before its body is parsed or authenticated — the cheapest
 * refusal there is. Offered far more than it can take, the service then serves about its capacity, each accepted
 * request waits behind a bounded amount of work (latency stays bounded), and the bodies held in memory are bounded
 * too. The statement queue of {@link StatementBatcher} is the second bound, behind this one.
 */
@Singleton
public class IngestAdmission {

    /**
     * After the request id filter (-2000), before the request guard (-1900), which reads chunked bodies, and before
     * security and Quarkus REST: a refused request costs neither a buffered body nor a token check.
     */
    static final int ORDER = -1950;

    private final EdgeProblems problems;
    private final AdmissionBudget budget;
    private final long maxBody;
    private final Map<AdmissionBudget.Refusal, Counter> refused = new EnumMap<>(AdmissionBudget.Refusal.class);

    public IngestAdmission(IngestConfig config, EdgeProblems problems, MeterRegistry registry,
            @ConfigProperty(name = "retail.http.max-body-size", defaultValue = "1M") MemorySize maxBody) {
        this.problems = problems;
        this.budget = new AdmissionBudget(config.maxRequestsInFlight(), config.maxBodyBytesInFlight().asLongValue());
        this.maxBody = maxBody.asLongValue();
        for (AdmissionBudget.Refusal reason : AdmissionBudget.Refusal.values()) {
            refused.put(reason, Counter.builder("retail.ingest.refused").tag("type", "any").tag("reason", reason.tag)
                    .description("Ingest requests refused with 503 because the replica already had its most in flight")
                    .register(registry));
        }
        Gauge.builder("retail.ingest.requests.in.flight", budget, AdmissionBudget::requests)
                .description("Ingest requests this replica is working on").register(registry);
        Gauge.builder("retail.ingest.body.bytes.in.flight", budget, AdmissionBudget::bytes)
                .description("Body bytes (by Content-Length) of the ingest requests this replica is working on")
                .baseUnit("bytes").register(registry);
    }

    void install(@Observes Router router) {
        // With or without a trailing slash, as Quarkus REST matches them.
        router.postWithRegex("/api/v1/(traffic|sales)/events/?").order(ORDER).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        long bodyBytes = declaredBodyBytes(context);
        AdmissionBudget.Refusal refusal = budget.admit(bodyBytes);
        if (refusal != null) {
            refused.get(refusal).increment();
            refuse(context);
            return;
        }
        context.addEndHandler(ignored -> budget.release(bodyBytes));
        context.next();
    }

    /**
     * The body's size by its Content-Length. A chunked body counts 0 here: the request guard's own budget for
     * buffered chunked bytes bounds those. So does a length the request guard refuses (unreadable, or over the
     * body limit: 413), lest a request that is refused anyway take the room of others.
     */
    private long declaredBodyBytes(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return 0;
        }
        try {
            long bytes = Long.parseLong(declared.trim());
            return bytes >= 0 && bytes <= maxBody ? bytes : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
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

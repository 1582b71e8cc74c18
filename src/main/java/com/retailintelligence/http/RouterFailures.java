package com.retailintelligence.http;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.retailintelligence.problem.TransientFailures;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;

/**
 * Failures that reach Vert.x's router rather than Quarkus REST's mappers (a request without Host, a path outside
 * every resource, a WebSocket upgrade whose check failed): a client's mistake (4xx) becomes problem+json and is not
 * logged as an error; a transient failure (PostgreSQL away) becomes 503 with Retry-After; anything else is left to
 * Quarkus' own handler, which logs it.
 */
@Singleton
public class RouterFailures {

    void install(@Observes Router router, EdgeProblems problems) {
        // The router's own 400, for a path its matching cannot read. (Bad percent escapes never get this far: Quarkus
        // answers them first, and RequestGuard checks what remains.) A fallback, so that such a 400 is problem+json too.
        router.errorHandler(400, context -> problems.send(context, 400,
                "The request path or query cannot be read; percent-escapes must be '%' and two hex digits.", false));
        router.route().order(Integer.MIN_VALUE + 10).failureHandler(context -> {
            if (context.response().headWritten()) {
                context.next();
                return;
            }
            Throwable failure = context.failure();
            TransientFailures.Kind transientKind = failure == null ? null : TransientFailures.classify(failure);
            if (transientKind != null) {
                problems.sendUnavailable(context, transientKind, failure, false);
                return;
            }
            int status = context.statusCode();
            if (status >= 400 && status < 500) {
                problems.send(context, status, detail(status), false);
                return;
            }
            context.next();
        });
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed (a missing Host header, or a path that cannot be read).";
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase() + ".";
        };
    }
}

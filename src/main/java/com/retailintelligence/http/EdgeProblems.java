package com.retailintelligence.http;

import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.Problems;
import com.retailintelligence.problem.TransientFailures;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes problem+json answers from Vert.x handlers, before or outside Quarkus REST (which has its own mappers). */
@Singleton
public class EdgeProblems {

    /** How long a refused request's body is still read (and dropped) before its connection is closed. */
    private static final long LINGER_MILLIS = 1000;

    private final ObjectMapper mapper;
    private final Vertx vertx;

    public EdgeProblems(ObjectMapper mapper, Vertx vertx) {
        this.mapper = mapper;
        this.vertx = vertx;
    }

    /**
     * Answers with the status and detail; {@code close} also closes the connection once the answer is written —
     * after reading and dropping what the client is still sending, for at most a second: a client still writing its
     * body would otherwise get a broken pipe instead of the answer.
     */
    public void send(RoutingContext context, int status, String detail, boolean close) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            if (close) {
                context.request().connection().close();
            }
            return;
        }
        Problem problem = new Problem("about:blank", HttpResponseStatus.valueOf(status).reasonPhrase(), status, detail,
                null, List.of());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
            lingerThenClose(context.request());
        }
        response.end(body);
    }

    /**
     * Answers 503 with the kind's detail and Retry-After; a {@code failure} (null for a refusal by choice, such as a
     * full bound) is reported as {@link TransientFailures} reports them.
     */
    public void sendUnavailable(RoutingContext context, TransientFailures.Kind kind, Throwable failure, boolean close) {
        if (failure != null) {
            TransientFailures.report(kind, failure);
        }
        context.response().putHeader("Retry-After", Integer.toString(kind.retryAfterSeconds()));
        send(context, 503, kind.detail(), close);
    }

    private void lingerThenClose(HttpServerRequest request) {
        if (request.isEnded()) {
            // Closed once the answer is out: through the response's own close on Connection: close, else here.
            vertx.setTimer(LINGER_MILLIS, id -> request.connection().close());
            return;
        }
        long timer = vertx.setTimer(LINGER_MILLIS, id -> request.connection().close());
        request.handler(ignored -> {
        });
        request.endHandler(ignored -> {
            vertx.cancelTimer(timer);
            request.connection().close();
        });
        request.exceptionHandler(ignored -> {
        });
        request.resume();
    }
}

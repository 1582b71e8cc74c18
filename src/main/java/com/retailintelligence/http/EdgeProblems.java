package com.retailintelligence.http;

import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.Problems;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Writes problem+json answers from Vert.x handlers, before or outside Quarkus REST (which has its own mappers). */
@Singleton
public class EdgeProblems {

    private final ObjectMapper mapper;

    public EdgeProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Answers with the status and detail; {@code close} also closes the connection once the answer is written. */
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
            // Through the routing context, not response.endHandler, which would replace the context's own end handlers.
            context.addEndHandler(ignored -> context.request().connection().close());
        }
        response.end(body);
    }
}

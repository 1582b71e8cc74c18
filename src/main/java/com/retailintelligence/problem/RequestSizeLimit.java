package com.retailintelligence.problem;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers bodies declared larger than quarkus.http.limits.max-body-size with a 413 problem+json, before
 * Quarkus' own check (route order -2) would answer with an empty body.
 */
@Singleton
public class RequestSizeLimit {

    void install(@Observes Router router, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) throws JsonProcessingException {
        long limit = maxBodySize.asLongValue();
        String body = mapper.writeValueAsString(new Problem("about:blank", "Request Entity Too Large", 413,
                "The request body is larger than the limit of " + limit + " bytes.", null, java.util.List.of()));
        router.route().order(-3).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && exceeds(declared, limit)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
            } else {
                context.next();
            }
        });
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Quarkus and Netty reject a malformed Content-Length themselves
        }
    }
}

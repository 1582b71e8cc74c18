package com.retailintelligence.audit;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is a sane one, else a new UUID), echoed
 * in the response and written to the audit log, so an answer can be matched with its audit entries.
 */
@Singleton
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String id = context.request().getHeader(HEADER);
            if (id == null || !SANE.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
                context.request().headers().set(HEADER, id);
            }
            context.response().headers().set(HEADER, id);
            context.next();
        }, 2000);
    }

    /** The id given to this request. */
    public static String of(HttpServerRequest request) {
        return request == null ? null : request.getHeader(HEADER);
    }
}

package com.retailintelligence.live;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;

/**
 * Browsers cannot set headers on a WebSocket upgrade, so display screens pass their token as the
 * {@code access_token} query parameter; for {@code /ws/} paths it becomes the Authorization header before
 * the upgrade's security check. A header, when sent, wins.
 */
@Singleton
public class LiveTokenFilter {

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String path = context.request().path();
            if (path.startsWith("/ws/") && context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                String token = context.request().getParam("access_token");
                if (token != null && !token.isBlank()) {
                    context.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                }
            }
            context.next();
        }, 1000);
    }
}

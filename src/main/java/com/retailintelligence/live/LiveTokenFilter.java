package com.retailintelligence.live;

import java.util.function.BiConsumer;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.retailintelligence.http.EdgeProblems;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Prepares live feed upgrades ({@code /ws/} paths) for the security check:
 * <ul>
 * <li>browsers cannot set headers on a WebSocket upgrade, so display screens pass their token as the
 * {@code access_token} query parameter, which becomes the Authorization header (a header, when sent, wins);</li>
 * <li>a token passed as a subprotocol must come beside the feed's own subprotocol ({@code retail.live.v1}):
 * Quarkus refuses the handshake otherwise, so that case is answered here, with 400 problem+json;</li>
 * <li>a bad token must not be answered by Quarkus' default authentication failure handler: LiveUpgradeCheck
 * answers every refusal itself (and audits it), and two answers to one request fail ("head already sent").</li>
 * </ul>
 */
@Singleton
public class LiveTokenFilter {

    private static final String SUBPROTOCOL_HEADER = "Sec-WebSocket-Protocol";
    private static final String TOKEN_SUBPROTOCOL = "quarkus-http-upgrade";

    void register(@Observes Filters filters, EdgeProblems problems) {
        filters.register(context -> {
            if (isLiveFeed(context.request().path())) {
                String offered = context.request().getHeader(SUBPROTOCOL_HEADER);
                if (offered != null && onlyTokens(offered)) {
                    problems.send(context, 400, "A token sent as a WebSocket subprotocol needs the feed's own subprotocol "
                            + "beside it: offer [\"retail.live.v1\", \"quarkus-http-upgrade#Authorization#Bearer%20<token>\"].",
                            false);
                    return;
                }
                if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                    String token = context.request().getParam("access_token");
                    if (token != null && !token.isBlank()) {
                        context.request().headers().set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
                    }
                }
            }
            context.next();
        }, 1000);
        // After the authentication filter, which installs the default failure handler this replaces.
        filters.register(context -> {
            if (isLiveFeed(context.request().path())) {
                context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (c, failure) -> {
                    // LiveUpgradeCheck sees the failed identity and answers 401 itself.
                });
            }
            context.next();
        }, SecurityHandlerPriorities.AUTHENTICATION - 10);
    }

    private static boolean isLiveFeed(String path) {
        return path != null && path.startsWith("/ws/");
    }

    private static boolean onlyTokens(String offered) {
        for (String protocol : offered.split(",")) {
            if (!protocol.trim().startsWith(TOKEN_SUBPROTOCOL)) {
                return false;
            }
        }
        return true;
    }
}

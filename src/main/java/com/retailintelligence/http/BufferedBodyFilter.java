package com.retailintelligence.http;

import java.io.ByteArrayInputStream;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.ext.web.RoutingContext;

/** Hands a chunked body that {@link RequestGuard} has read (and counted) to Quarkus REST, which then reads no further. */
public class BufferedBodyFilter {

    @ServerRequestFilter(preMatching = true)
    public void useBufferedBody(ContainerRequestContext request, RoutingContext context) {
        byte[] body = context.get(RequestGuard.BODY);
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }
}

package com.retailintelligence.audit;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Actors;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * Records every denied access, from any interface, as an audit entry (action {@code access.denied}, target the
 * method and path or the command), without holding up the answer. Repeats are folded per source and minute
 * ({@link RepeatedAttempts}), so anonymous traffic cannot grow the log without bound.
 */
@ApplicationScoped
public class AccessDenials {

    public static final String ACTION = "access.denied";

    private final RepeatedAttempts repeated;

    public AccessDenials(RepeatedAttempts repeated) {
        this.repeated = repeated;
    }

    /** A request refused for {@code reason}: its method and path are the target, its client address the source. */
    public void denied(SecurityIdentity identity, AuditEntry.Channel channel, HttpServerRequest request, String reason) {
        String target = request == null ? null : request.method() + " " + request.path();
        AuditEntry entry = new AuditEntry(Actors.of(identity), channel, ACTION, target, AuditEntry.Result.DENIED,
                RequestIds.of(request), reason);
        boolean authenticated = identity != null && !identity.isAnonymous();
        repeated.record(entry, sourceOf(request), authenticated);
    }

    /** The client address of a request, as the audit log's source ("?" when unknown). */
    public static String sourceOf(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "?" : request.remoteAddress().host();
    }
}

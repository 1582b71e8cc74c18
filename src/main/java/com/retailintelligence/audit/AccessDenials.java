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

    /** A request refused for {@code reason} (a fixed text): its method and path are the target, its client address the source. */
    public void denied(SecurityIdentity identity, AuditEntry.Channel channel, HttpServerRequest request, String reason) {
        denied(identity, channel, request, reason, null);
    }

    /**
     * As above, with {@code specifics} the client's part (the store it asked for, an Origin): kept in the row's
     * detail, never in what repeats are folded by, so a client cannot make each denial a kind of its own.
     */
    public void denied(SecurityIdentity identity, AuditEntry.Channel channel, HttpServerRequest request, String reason,
            String specifics) {
        String target = request == null ? null : request.method() + " " + request.path();
        AuditEntry entry = new AuditEntry(Actors.of(identity), channel, ACTION, target, AuditEntry.Result.DENIED,
                RequestIds.of(request), specifics == null ? reason : reason + ": " + specifics);
        boolean authenticated = identity != null && !identity.isAnonymous();
        repeated.record(entry, sourceOf(request), authenticated, reason);
    }

    /** The client address of a request, as the audit log's source ("?" when unknown). */
    public static String sourceOf(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "?" : request.remoteAddress().host();
    }
}

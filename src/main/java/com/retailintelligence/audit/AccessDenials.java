package com.retailintelligence.audit;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Actors;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * Records every denied access, from any interface, as one audit entry (action {@code access.denied}, target
 * the method and path or the command). Written without holding up the answer.
 */
@ApplicationScoped
public class AccessDenials {

    public static final String ACTION = "access.denied";

    private final AuditLog audit;

    public AccessDenials(AuditLog audit) {
        this.audit = audit;
    }

    public void denied(SecurityIdentity identity, AuditEntry.Channel channel, HttpServerRequest request, String reason) {
        String target = request == null ? null : request.method() + " " + request.path();
        denied(Actors.of(identity), channel, target, RequestIds.of(request), reason);
    }

    public void denied(String actor, AuditEntry.Channel channel, String target, String requestId, String reason) {
        audit.recordLater(new AuditEntry(actor, channel, ACTION, target, AuditEntry.Result.DENIED, requestId, reason));
    }
}

package com.retailintelligence.audit;

import jakarta.enterprise.context.RequestScoped;

import com.retailintelligence.access.Actors;
import com.retailintelligence.access.StoreScope;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The principal of the current REST request with its store scope; a refused store is recorded as a denied
 * access before the caller answers 404 (reads) or 403 (writes).
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final AccessDenials denials;

    public Caller(SecurityIdentity identity, HttpServerRequest request, AccessDenials denials) {
        this.identity = identity;
        this.request = request;
        this.denials = denials;
    }

    public SecurityIdentity identity() {
        return identity;
    }

    public StoreScope scope() {
        return StoreScope.of(identity);
    }

    public String requestId() {
        return RequestIds.of(request);
    }

    /** True when the store is in scope; otherwise records the denial and yields false. */
    public boolean maySee(String storeId) {
        if (scope().allows(storeId)) {
            return true;
        }
        denied("store outside the principal's stores", "store '" + storeId + "'");
        return false;
    }

    /** An audit entry of a successful change made by this caller through REST. */
    public AuditEntry changed(String action, String target, String detail) {
        return new AuditEntry(Actors.of(identity), AuditEntry.Channel.REST, action, target,
                AuditEntry.Result.SUCCESS, requestId(), detail);
    }

    /** Records a denied access: {@code reason} a fixed text, {@code specifics} what the request asked for (or null). */
    public void denied(String reason, String specifics) {
        denials.denied(identity, AuditEntry.Channel.REST, request, reason, specifics);
    }
}

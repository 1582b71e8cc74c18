package com.retailintelligence.live;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Roles;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.AccessDenials;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.problem.TransientFailures;
import com.retailintelligence.store.StoreDirectory;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Checks a live feed upgrade before it happens, so the client gets an HTTP status rather than a closed
 * socket: a browser Origin that is neither the service's own nor in the allowed list → 403, a {@code storeId}
 * outside the principal's store scope → 403 (whether or not it exists, so nothing is revealed), one in scope
 * that does not exist → 404, a principal with no store at all → 403, more connections than the principal may hold on this
 * replica → 429, a replica shutting down → 503 with {@code Retry-After}. (The token
 * itself: none or bad → 401 here as well; roles are checked by the endpoints' {@code @RolesAllowed}.) Every
 * refusal is recorded as a denied access (interface websocket).
 */
@ApplicationScoped
@Priority(LiveUpgradeCheck.PRIORITY)
public class LiveUpgradeCheck implements HttpUpgradeCheck {

    /** Before Quarkus' own security check, so that every refusal, a missing token included, is ours and audited. */
    static final int PRIORITY = io.quarkus.websockets.next.runtime.SecurityHttpUpgradeCheck.BEAN_PRIORITY + 10;

    /** The roles that may hold live feeds (ingest may not); the endpoints repeat them in {@code @RolesAllowed}. */
    static final List<String> LIVE_ROLES = List.of(Roles.ADMIN, Roles.MANAGER, Roles.VIEWER, Roles.DISPLAY);

    private final StoreDirectory stores;
    private final LiveFeedHub hub;
    private final LiveConfig config;
    private final AccessDenials denials;

    private final LiveShutdown shutdown;

    public LiveUpgradeCheck(StoreDirectory stores, LiveFeedHub hub, LiveConfig config, AccessDenials denials,
            LiveShutdown shutdown) {
        this.stores = stores;
        this.hub = hub;
        this.config = config;
        this.denials = denials;
        this.shutdown = shutdown;
    }

    /** No Origin (not a browser), the service's own pages, or a configured origin; any when none is configured. */
    private boolean originAllowed(String origin, String host) {
        List<String> allowed = config.allowedOrigins().orElse(List.of());
        if (origin == null || allowed.isEmpty() || allowed.contains(origin)) {
            return true;
        }
        int scheme = origin.indexOf("://");
        return host != null && scheme > 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (shutdown.draining()) {
            // This replica is going away: the client tries again, and the load balancer sends it to another one.
            return CheckResult.rejectUpgrade(503).map(result -> result.withHeaders(Map.of("Retry-After", List.of("1"))));
        }
        if (!originAllowed(request.getHeader("Origin"), request.getHeader("Host"))) {
            return refuse(null, request, 403, "origin not allowed", request.getHeader("Origin"));
        }
        Set<String> wanted = LiveFeeds.storeIds(request.query());
        return context.securityIdentity().onFailure().recoverWithNull().chain(identity -> {
            if (identity == null) {
                return refuse(null, request, 401, "invalid token");
            }
            if (identity.isAnonymous()) {
                return refuse(identity, request, 401, "no token");
            }
            if (LIVE_ROLES.stream().noneMatch(identity::hasRole)) {
                return refuse(identity, request, 403, "role not allowed");
            }
            if (hub.connectionsOf(identity.getPrincipal().getName()) >= config.maxConnectionsPerPrincipal()) {
                return refuse(identity, request, 429, "too many live connections");
            }
            StoreScope scope = StoreScope.of(identity);
            if (scope.isEmpty() || !scope.allowsAll(wanted)) {
                return refuse(identity, request, 403, "stores outside the principal's scope");
            }
            if (wanted.isEmpty()) {
                return CheckResult.permitUpgrade();
            }
            // The same cached look-up as ingest: one query by id, not a list of every store per upgrade.
            return stores.find(wanted).chain(known -> known.keySet().containsAll(wanted)
                    ? CheckResult.permitUpgrade()
                    : CheckResult.rejectUpgrade(404));
        }).onFailure(failure -> TransientFailures.classify(failure) != null).recoverWithUni(failure -> {
            TransientFailures.Kind kind = TransientFailures.classify(failure);
            TransientFailures.report(kind, failure);
            return CheckResult.rejectUpgrade(503).map(result -> result.withHeaders(
                    Map.of("Retry-After", List.of(Integer.toString(kind.retryAfterSeconds())))));
        });
    }

    /** Refuses the upgrade with the status and records the denied access. */
    private Uni<CheckResult> refuse(SecurityIdentity identity, HttpServerRequest request, int status, String reason) {
        return refuse(identity, request, status, reason, null);
    }

    private Uni<CheckResult> refuse(SecurityIdentity identity, HttpServerRequest request, int status, String reason,
            String specifics) {
        denials.denied(identity, AuditEntry.Channel.WEBSOCKET, request, status + " " + reason, specifics);
        return CheckResult.rejectUpgrade(status);
    }
}

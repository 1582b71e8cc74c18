package com.retailintelligence.live;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.auth.StoreScope;
import com.retailintelligence.ingest.StoreDirectory;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Checks a live feed upgrade before it happens, so the client gets an HTTP status rather than a closed
 * socket: a browser Origin that is neither the service's own nor in the allowed list → 403, a {@code storeId}
 * outside the principal's store scope → 403 (whether or not it exists, so nothing is revealed), one in scope
 * that does not exist → 404, a principal with no store at all → 403, more connections than the principal may hold on this replica → 429. (The token
 * itself is checked by the endpoints' {@code @Authenticated}: none or bad → 401.)
 */
@ApplicationScoped
public class LiveUpgradeCheck implements HttpUpgradeCheck {

    private final StoreDirectory stores;
    private final LiveFeedHub hub;
    private final LiveConfig config;

    public LiveUpgradeCheck(StoreDirectory stores, LiveFeedHub hub, LiveConfig config) {
        this.stores = stores;
        this.hub = hub;
        this.config = config;
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
        if (!originAllowed(context.httpRequest().getHeader("Origin"), context.httpRequest().getHeader("Host"))) {
            return CheckResult.rejectUpgrade(403);
        }
        Set<String> wanted = LiveFeeds.storeIds(context.httpRequest().query());
        return context.securityIdentity().chain(identity -> {
            if (!identity.isAnonymous()
                    && hub.connectionsOf(identity.getPrincipal().getName()) >= config.maxConnectionsPerPrincipal()) {
                return CheckResult.rejectUpgrade(429);
            }
            if (identity.isAnonymous()) {
                return CheckResult.permitUpgrade(); // the endpoint's @Authenticated answers 401
            }
            StoreScope scope = StoreScope.of(identity);
            if (scope.isEmpty() || !scope.allowsAll(wanted)) {
                return CheckResult.rejectUpgrade(403);
            }
            if (wanted.isEmpty()) {
                return CheckResult.permitUpgrade();
            }
            // The same cached look-up as ingest: one query by id, not a list of every store per upgrade.
            return stores.find(wanted).chain(known -> known.keySet().containsAll(wanted)
                    ? CheckResult.permitUpgrade()
                    : CheckResult.rejectUpgrade(404));
        });
    }
}

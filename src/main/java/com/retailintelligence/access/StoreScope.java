package com.retailintelligence.access;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The stores a principal may see: every store for admins, otherwise the set carried by its token (claim
 * {@value #CLAIM}) or its API key (identity attribute {@value #ATTRIBUTE}). A principal with neither sees no
 * store. The one rule every interface checks.
 */
public record StoreScope(boolean allStores, Set<String> stores) {

    public static final String CLAIM = "stores";
    /** Identity attribute carrying the scope of principals that have no token (API keys). */
    public static final String ATTRIBUTE = "retail.store-scope";
    /** Identity attribute: when the credential of a principal without a token expires (epoch seconds, Long). */
    public static final String EXPIRES_AT = "retail.expires-at";
    public static final StoreScope ALL = new StoreScope(true, Set.of());
    public static final StoreScope NONE = new StoreScope(false, Set.of());

    public boolean allows(String storeId) {
        return allStores || stores.contains(storeId);
    }

    /** True when the principal may see no store at all. */
    public boolean isEmpty() {
        return !allStores && stores.isEmpty();
    }

    public boolean allowsAll(Collection<String> storeIds) {
        return allStores || stores.containsAll(storeIds);
    }

    /** Every store any of the scopes allows. */
    public static StoreScope union(Collection<StoreScope> scopes) {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (StoreScope scope : scopes) {
            if (scope.allStores()) {
                return ALL;
            }
            all.addAll(scope.stores());
        }
        return new StoreScope(false, Set.copyOf(all));
    }

    public static StoreScope of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return NONE;
        }
        if (identity.hasRole(Roles.ADMIN)) {
            return ALL;
        }
        if (identity.getAttribute(ATTRIBUTE) instanceof StoreScope scope) {
            return scope;
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            return new StoreScope(false, storesClaim(token.getClaim(CLAIM)));
        }
        return NONE;
    }

    private static Set<String> storesClaim(Object claim) {
        if (claim instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(value -> ((JsonString) value).getString())
                    .collect(Collectors.toUnmodifiableSet());
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }
}

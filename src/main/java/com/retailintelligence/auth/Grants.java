package com.retailintelligence.auth;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What a principal may hand on to a user or key it creates or changes (no mass assignment): admins anything;
 * managers only the roles viewer, ingest and display, and only stores of their own. Roles outside the model
 * are invalid for everyone.
 */
public final class Grants {

    private static final Set<String> MANAGER_GRANTABLE = Set.of(Roles.VIEWER, Roles.INGEST, Roles.DISPLAY);

    private Grants() {
    }

    /** Roles that do not exist (a 400). */
    public static List<String> unknownRoles(Set<String> roles) {
        return roles.stream().filter(role -> !Roles.ALL.contains(role)).sorted().toList();
    }

    /** Why the grantor may not give these roles and stores (a 403), or null when it may. */
    public static String refusal(SecurityIdentity grantor, Set<String> roles, Set<String> stores) {
        if (grantor.hasRole(Roles.ADMIN)) {
            return null;
        }
        if (!grantor.hasRole(Roles.MANAGER)) {
            return "Only admins and managers may grant access.";
        }
        Set<String> roleRefused = new TreeSet<>(roles);
        roleRefused.removeAll(MANAGER_GRANTABLE);
        if (!roleRefused.isEmpty()) {
            return "A manager may not grant the role" + (roleRefused.size() > 1 ? "s " : " ") + String.join(", ", roleRefused)
                    + " (only viewer, ingest, display).";
        }
        StoreScope scope = StoreScope.of(grantor);
        Set<String> storesRefused = new TreeSet<>(stores);
        storesRefused.removeIf(scope::allows);
        if (!storesRefused.isEmpty()) {
            return "A manager may only grant their own stores; not: " + String.join(", ", storesRefused) + ".";
        }
        return null;
    }

    /** Non-admin principals need at least one store to be of any use. */
    public static boolean needsStores(Set<String> roles, Set<String> stores) {
        return !roles.contains(Roles.ADMIN) && stores.isEmpty();
    }
}

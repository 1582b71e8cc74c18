package com.retailintelligence.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.retailintelligence.access.Roles;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.problem.Problem;

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

    /**
     * What is wrong with the roles and stores of a user or key ({@code subject}, for the message), before the
     * stores are looked up: roles outside the model, and no store for a non-admin. Each is a 400.
     */
    public static List<Problem.FieldError> errors(Set<String> roles, Set<String> stores, String subject) {
        List<Problem.FieldError> errors = new ArrayList<>();
        roles.stream().filter(role -> !Roles.ALL.contains(role)).sorted().forEach(role -> errors.add(
                new Problem.FieldError("roles", "unknown role '" + role + "' (one of admin, manager, viewer, ingest, display)")));
        if (!roles.contains(Roles.ADMIN) && stores.isEmpty()) {
            errors.add(new Problem.FieldError("stores", "a " + subject + " without the admin role needs at least one store"));
        }
        return errors;
    }

    /** The 400 for stores that do not exist. */
    public static Problem.FieldError unknownStores(Set<String> unknown) {
        return new Problem.FieldError("stores", "no store with id " + String.join(", ", unknown));
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
}

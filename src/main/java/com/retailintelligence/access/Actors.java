package com.retailintelligence.access;

import io.quarkus.security.identity.SecurityIdentity;

/** The actor name an audit entry gives a principal. */
public final class Actors {

    public static final String ANONYMOUS = "anonymous";
    public static final String SYSTEM = "system";

    private Actors() {
    }

    public static String of(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? ANONYMOUS : identity.getPrincipal().getName();
    }
}

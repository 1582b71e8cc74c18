package com.retailintelligence.access;

import java.util.Set;

/** The roles of the one access model shared by every interface. */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String MANAGER = "manager";
    public static final String VIEWER = "viewer";
    public static final String INGEST = "ingest";
    public static final String DISPLAY = "display";

    public static final Set<String> ALL = Set.of(ADMIN, MANAGER, VIEWER, INGEST, DISPLAY);

    private Roles() {
    }
}

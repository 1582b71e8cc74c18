package com.retailintelligence.auth;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A user who logs in with a password; the hash is bcrypt. {@code stores}: the stores a non-admin may see.
 * A disabled user cannot log in or refresh.
 */
public record UserAccount(String username, String passwordHash, Set<String> roles, Set<String> stores,
        OffsetDateTime disabledAt, OffsetDateTime createdAt) {

    public UserAccount(String username, String passwordHash, Set<String> roles, Set<String> stores) {
        this(username, passwordHash, roles, stores, null, null);
    }

    public boolean disabled() {
        return disabledAt != null;
    }
}

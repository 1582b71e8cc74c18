package com.retailintelligence.auth;

import java.util.Set;

/** A user who logs in with a password; the hash is bcrypt. {@code stores}: the stores a non-admin may see. */
public record UserAccount(String username, String passwordHash, Set<String> roles, Set<String> stores) {
}

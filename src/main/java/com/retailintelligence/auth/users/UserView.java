package com.retailintelligence.auth.users;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;

import com.retailintelligence.auth.UserAccount;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user as the API shows it: never the password hash. */
@RegisterForReflection
public record UserView(String username, Set<String> roles, Set<String> stores, boolean disabled, OffsetDateTime createdAt) {

    static UserView of(UserAccount user) {
        return new UserView(user.username(), new TreeSet<>(user.roles()), new TreeSet<>(user.stores()), user.disabled(),
                user.createdAt());
    }
}

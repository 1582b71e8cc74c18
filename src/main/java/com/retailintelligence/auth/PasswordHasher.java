package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Bcrypt hashing and checking, always on a worker thread: a hash takes tens of milliseconds of CPU. */
@ApplicationScoped
public class PasswordHasher {

    /** Compared against when the username is unknown, so both cases take the same time. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("timing-equaliser");

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** True when the password matches; a null hash (unknown user) costs the same and yields false. */
    public Uni<Boolean> matches(String password, String hashOrNull) {
        return Uni.createFrom().item(() -> {
            boolean matches = BcryptUtil.matches(password, hashOrNull == null ? DUMMY_HASH : hashOrNull);
            return matches && hashOrNull != null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

package com.retailintelligence.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.event.Observes;

import com.retailintelligence.access.Roles;
import com.retailintelligence.validation.BcryptPasswordValidator;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;

/** Creates the first administrator on a start with no users, so a new installation can be logged into. */
@jakarta.inject.Singleton
public class AdminBootstrap {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuthConfig config;

    public AdminBootstrap(UserRepository users, PasswordHasher hasher, AuthConfig config) {
        this.users = users;
        this.hasher = hasher;
        this.config = config;
    }

    /** Runs on the main thread during start-up (not an event loop), so waiting here is allowed and intended. */
    void onStart(@Observes StartupEvent event) {
        config.admin().password().filter(p -> !BcryptPasswordValidator.fits(p)).ifPresent(p -> {
            throw new ConfigurationException("RETAIL_ADMIN_PASSWORD is invalid: it is longer than 72 bytes in UTF-8, "
                    + "and bcrypt would ignore the rest");
        });
        ensureAdmin().await().atMost(Duration.ofSeconds(60));
    }

    Uni<Void> ensureAdmin() {
        return users.anyExists().chain(exists -> exists ? Uni.createFrom().voidItem() : createAdmin());
    }

    private Uni<Void> createAdmin() {
        String username = config.admin().username();
        boolean generated = config.admin().password().filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? randomPassword() : config.admin().password().get();
        return hasher.hash(password)
                .chain(hash -> users.insertIfAbsent(new UserAccount(username, hash, Set.of(Roles.ADMIN), Set.of())))
                .invoke(created -> {
                    if (!created) {
                        return; // another replica created it first
                    }
                    if (generated) {
                        Log.warnf("Created administrator '%s' with generated password %s "
                                + "(shown once; set RETAIL_ADMIN_PASSWORD to choose it)", username, password);
                    } else {
                        Log.infof("Created administrator '%s' from RETAIL_ADMIN_PASSWORD", username);
                    }
                })
                .replaceWithVoid();
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}

package com.retailintelligence.auth;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings for logins, tokens and the first administrator. */
@ConfigMapping(prefix = "retail")
public interface AuthConfig {

    Admin admin();

    Auth auth();

    /** The administrator created on first start, when there are no users. */
    interface Admin {
        /** Username of the first administrator (RETAIL_ADMIN_USERNAME). */
        @WithDefault("admin")
        String username();

        /** Password of the first administrator (RETAIL_ADMIN_PASSWORD); generated and logged once when absent. */
        Optional<String> password();
    }

    /** Token settings; issuer and audience are also what tokens are verified against. */
    interface Auth {
        /** The {@code iss} claim of issued tokens (RETAIL_AUTH_ISSUER). */
        @WithDefault("retail-intelligence")
        String issuer();

        /** The {@code aud} claim of issued tokens (RETAIL_AUTH_AUDIENCE). */
        @WithDefault("retail-intelligence-api")
        String audience();

        /** How long an access token is valid (RETAIL_AUTH_TOKEN_TTL, ISO-8601 duration). */
        @WithDefault("PT15M")
        Duration tokenTtl();

        /** How long a refresh token is valid (RETAIL_AUTH_REFRESH_TTL, ISO-8601 duration); each is used once. */
        @WithDefault("P30D")
        Duration refreshTtl();

        /** Failed logins before a username is refused for a while (RETAIL_AUTH_LOGIN_MAX_FAILURES_PER_USER). */
        @WithDefault("5")
        int loginMaxFailuresPerUser();

        /** Failed logins before a client address is refused for a while (RETAIL_AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS). */
        @WithDefault("20")
        int loginMaxFailuresPerAddress();

        /** How long failures are counted and a refusal lasts (RETAIL_AUTH_LOGIN_FAILURE_WINDOW). */
        @WithDefault("PT15M")
        Duration loginFailureWindow();

        /** Set by the service itself when no JWT keys were configured and it generated a pair at start. */
        @WithDefault("false")
        boolean generatedKeys();
    }
}

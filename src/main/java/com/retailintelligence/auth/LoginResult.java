package com.retailintelligence.auth;

/** What came of a login, refresh or password change: tokens (or the change made), a refusal, or a wait imposed by the throttle. */
public sealed interface LoginResult {

    record Issued(TokenResponse tokens) implements LoginResult {
    }

    record Refused() implements LoginResult {
    }

    /** A password change was made. */
    record Changed() implements LoginResult {
    }

    record Throttled(long retryAfterSeconds) implements LoginResult {
    }
}

package com.retailintelligence.auth;

/** What came of a login or refresh: tokens, a refusal, or a wait imposed by the throttle. */
public sealed interface LoginResult {

    record Issued(TokenResponse tokens) implements LoginResult {
    }

    record Refused() implements LoginResult {
    }

    record Throttled(long retryAfterSeconds) implements LoginResult {
    }
}

package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** Password logins: checks the credentials and issues a token. */
@ApplicationScoped
public class AuthService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;

    public AuthService(UserRepository users, PasswordHasher hasher, TokenIssuer issuer) {
        this.users = users;
        this.hasher = hasher;
        this.issuer = issuer;
    }

    /** Yields a token, or null when the username or password is wrong (without saying which). */
    public Uni<TokenResponse> login(LoginRequest request) {
        return users.findByUsername(request.username())
                .chain(user -> hasher.matches(request.password(), user == null ? null : user.passwordHash())
                        .map(ok -> ok ? issuer.issue(user) : null));
    }
}

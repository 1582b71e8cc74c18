package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.jwt.build.Jwt;

/** Signs access tokens with the configured (or generated) key; verification uses the matching public key. */
@ApplicationScoped
public class TokenIssuer {

    private final AuthConfig config;

    public TokenIssuer(AuthConfig config) {
        this.config = config;
    }

    public TokenResponse issue(UserAccount user) {
        long ttl = config.auth().tokenTtl().toSeconds();
        String token = Jwt.issuer(config.auth().issuer())
                .audience(config.auth().audience())
                .upn(user.username())
                .subject(user.username())
                .groups(user.roles())
                .claim(StoreScope.CLAIM, user.stores())
                .expiresIn(ttl)
                .sign();
        return new TokenResponse(token, "Bearer", ttl);
    }
}

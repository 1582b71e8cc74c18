package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;

import io.smallrye.jwt.build.Jwt;

/** Signs access tokens with the configured (or generated) key; verification uses the matching public key. */
@ApplicationScoped
public class TokenIssuer {

    private final AuthConfig config;

    public TokenIssuer(AuthConfig config) {
        this.config = config;
    }

    /** A signed access token for the user: roles in {@code groups}, stores in {@code stores}. */
    public String accessToken(UserAccount user) {
        return Jwt.issuer(config.auth().issuer())
                .audience(config.auth().audience())
                .upn(user.username())
                .subject(user.username())
                .groups(user.roles())
                .claim(StoreScope.CLAIM, user.stores())
                .expiresIn(config.auth().tokenTtl().toSeconds())
                .sign();
    }

    public long accessTtlSeconds() {
        return config.auth().tokenTtl().toSeconds();
    }
}

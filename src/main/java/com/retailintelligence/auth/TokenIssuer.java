package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.retailintelligence.access.StoreScope;

import io.smallrye.jwt.build.Jwt;

/**
 * Signs access tokens with the configured (or generated) key, naming it in the {@code kid} header so that verification
 * against a JWK set of old and new keys picks the right one while keys are rotated (docs/operations.md).
 */
@ApplicationScoped
public class TokenIssuer {

    private final AuthConfig config;
    private final String keyId;

    public TokenIssuer(AuthConfig config, @ConfigProperty(name = "smallrye.jwt.sign.key.id") String keyId) {
        this.config = config;
        this.keyId = keyId;
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
                .jws().keyId(keyId) // SmallRye sets kid by itself only for keys read from a JWK set, not PEM
                .sign();
    }

    public long accessTtlSeconds() {
        return config.auth().tokenTtl().toSeconds();
    }
}

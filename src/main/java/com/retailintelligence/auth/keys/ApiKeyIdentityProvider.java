package com.retailintelligence.auth.keys;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a presented API key into a principal named {@code key:<prefix>} with the key's roles and stores.
 * Unknown, wrong, revoked or expired keys fail (401). Looked up in PostgreSQL on every request, so a revoked
 * key is refused at once on every replica.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyCredential> {

    public static final String PRINCIPAL_PREFIX = "key:";

    private final ApiKeyRepository keys;

    public ApiKeyIdentityProvider(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyCredential> getRequestType() {
        return ApiKeyCredential.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyCredential request, AuthenticationRequestContext context) {
        String key = request.key();
        if (!ApiKeySecrets.looksLikeKey(key)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"));
        }
        return keys.findByPrefix(ApiKeySecrets.prefixOf(key)).map(stored -> {
            if (stored == null || !ApiKeySecrets.matches(key, stored.hash())) {
                throw new AuthenticationFailedException("unknown API key");
            }
            ApiKey found = stored.key();
            if (found.revokedAt() != null) {
                throw new AuthenticationFailedException("revoked API key");
            }
            if (found.expiresAt() != null && !found.expiresAt().isAfter(OffsetDateTime.now())) {
                throw new AuthenticationFailedException("expired API key");
            }
            keys.touch(found.id()).subscribe().with(ignored -> {
            }, failure -> Log.debugf("Could not note the use of key %s: %s", found.prefix(), failure.getMessage()));
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(PRINCIPAL_PREFIX + found.prefix()))
                    .addRoles(found.roles())
                    .addAttribute(StoreScope.ATTRIBUTE, new StoreScope(false, found.stores()));
            if (found.expiresAt() != null) {
                identity.addAttribute(StoreScope.EXPIRES_AT, found.expiresAt().toEpochSecond());
            }
            return (SecurityIdentity) identity.build();
        });
    }
}

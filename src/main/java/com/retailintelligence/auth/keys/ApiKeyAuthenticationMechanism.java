package com.retailintelligence.auth.keys;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Takes an API key from {@code X-API-Key} or from {@code Authorization: Bearer ri_…}. It runs before the JWT
 * mechanism; a request without a key is left to it (an empty result), a request with a bad key fails here (401).
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = context.request().getHeader(HEADER);
        if (key == null) {
            String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    && authorization.startsWith(ApiKeySecrets.MARK, BEARER.length())) {
                key = authorization.substring(BEARER.length()).trim();
            }
        }
        if (key == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyCredential(key.trim()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyCredential.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, HEADER));
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100; // before the JWT mechanism, which would refuse a key as a malformed token
    }
}

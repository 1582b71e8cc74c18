package com.retailintelligence.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Remembers tokens it has verified until they expire, so a sensor gateway posting with the same token many
 * times a second pays the RSA signature check once (it was a fifth of the CPU of a single-event post).
 * The key is the whole token, signature included, so only the exact token that passed is accepted again;
 * expiry is checked on every hit. Bounded: the cache is emptied when it holds too many tokens.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser extends DefaultJWTParser {

    private static final int MAX_TOKENS = 10_000;

    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();
    /** The verifier's clock skew (mp.jwt.verify.clock.skew): a cached token lives exactly as long as a verified one. */
    private final long skewSeconds;

    @Inject
    public CachingJwtParser(JWTAuthContextInfo authContextInfo, JWTCallerPrincipalFactory callerPrincipalFactory) {
        super(authContextInfo, callerPrincipalFactory);
        this.skewSeconds = Math.max(0, authContextInfo.getClockSkew());
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken cached = verified.get(token);
        long now = System.currentTimeMillis() / 1000;
        if (cached != null) {
            if (cached.getExpirationTime() + skewSeconds > now) {
                return cached;
            }
            verified.remove(token);
        }
        JsonWebToken parsed = super.parse(token);
        if (parsed.getExpirationTime() + skewSeconds > now) {
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, parsed);
        }
        return parsed;
    }
}

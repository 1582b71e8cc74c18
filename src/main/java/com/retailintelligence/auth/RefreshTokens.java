package com.retailintelligence.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Refresh tokens: 256 random bits, kept only as a SHA-256. Each is used once: a refresh revokes it and issues
 * the next; logout, a password change and disabling the user revoke them.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token for the user; yields the token itself (shown once). */
    public Uni<String> issue(SqlClient client, String username, Duration ttl) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return client.preparedQuery("INSERT INTO refresh_tokens (id, token_hash, username, expires_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(UUID.randomUUID(), Buffer.buffer(hash(token)), username, OffsetDateTime.now().plus(ttl)))
                .replaceWith(token);
    }

    /** Revokes a live token and yields its user, or null when it is unknown, expired or already revoked. */
    public Uni<String> use(SqlClient client, String token) {
        return client.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE token_hash = $1 "
                        + "AND revoked_at IS NULL AND expires_at > now() RETURNING username")
                .execute(Tuple.of(Buffer.buffer(hash(token))))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString("username"));
    }

    /** Revokes every live token of the user. */
    public Uni<Void> revokeAll(SqlClient client, String username) {
        return client.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE username = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(username)).replaceWithVoid();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

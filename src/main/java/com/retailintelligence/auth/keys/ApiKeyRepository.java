package com.retailintelligence.auth.keys;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** PostgreSQL access for API keys. */
@ApplicationScoped
public class ApiKeyRepository {

    private static final String COLUMNS = "id, name, prefix, roles, stores, expires_at, created_by, created_at, "
            + "last_used_at, revoked_at";

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<ApiKey> insert(SqlClient client, UUID id, String name, String prefix, byte[] hash, Set<String> roles,
            Set<String> stores, OffsetDateTime expiresAt, String createdBy) {
        return client.preparedQuery("INSERT INTO api_keys (id, name, prefix, key_hash, roles, stores, expires_at, created_by) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COLUMNS)
                .execute(Tuple.tuple(java.util.Arrays.asList(id, name, prefix, io.vertx.core.buffer.Buffer.buffer(hash),
                        roles.toArray(String[]::new), stores.toArray(String[]::new), expiresAt, createdBy)))
                .map(rows -> toKey(rows.iterator().next()));
    }

    /** Every key, or only those {@code createdBy} made when it is not null; newest first. */
    Uni<List<ApiKey>> list(String createdBy) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE $1::text IS NULL OR created_by = $1 "
                        + "ORDER BY created_at DESC, id")
                .execute(Tuple.of(createdBy))
                .map(rows -> {
                    List<ApiKey> keys = new java.util.ArrayList<>();
                    rows.forEach(row -> keys.add(toKey(row)));
                    return keys;
                });
    }

    Uni<ApiKey> find(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 0 ? null : toKey(rows.iterator().next()));
    }

    /** Marks the key revoked; false when it already was. */
    Uni<Boolean> revoke(SqlClient client, UUID id) {
        return client.preparedQuery("UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    /** The key with this visible prefix, with its hash, for authentication. */
    Uni<StoredKey> findByPrefix(String prefix) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", key_hash FROM api_keys WHERE prefix = $1")
                .execute(Tuple.of(prefix))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StoredKey(toKey(row), row.getBuffer("key_hash").getBytes());
                });
    }

    /** Notes a use, at most once a minute per key (a write per request would cost more than it tells). */
    Uni<Void> touch(UUID id) {
        return pool.preparedQuery("UPDATE api_keys SET last_used_at = now() WHERE id = $1 "
                        + "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    private static ApiKey toKey(Row row) {
        return new ApiKey(row.getUUID("id"), row.getString("name"), row.getString("prefix"),
                Set.copyOf(List.of(row.getArrayOfStrings("roles"))), Set.copyOf(List.of(row.getArrayOfStrings("stores"))),
                row.getOffsetDateTime("expires_at"), row.getString("created_by"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("last_used_at"), row.getOffsetDateTime("revoked_at"));
    }

    /** A key with its stored hash. */
    record StoredKey(ApiKey key, byte[] hash) {
    }
}

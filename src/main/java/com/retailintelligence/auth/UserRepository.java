package com.retailintelligence.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** PostgreSQL access for users. */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "username, password_hash, roles, stores, disabled_at, created_at";

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<UserAccount> findByUsername(String username) {
        return findByUsername(pool, username);
    }

    public Uni<UserAccount> findByUsername(SqlClient client, String username) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE username = $1")
                .execute(Tuple.of(username))
                .map(rows -> rows.rowCount() == 0 ? null : toAccount(rows.iterator().next()));
    }

    public Uni<List<UserAccount>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM users ORDER BY username").execute().map(rows -> {
            List<UserAccount> users = new ArrayList<>();
            rows.forEach(row -> users.add(toAccount(row)));
            return users;
        });
    }

    public Uni<Boolean> anyExists() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM users)").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Inserts the user; yields false when the username is taken (another replica may have been first). */
    public Uni<Boolean> insertIfAbsent(UserAccount account) {
        return insertIfAbsent(pool, account);
    }

    public Uni<Boolean> insertIfAbsent(SqlClient client, UserAccount account) {
        return client.preparedQuery("INSERT INTO users (username, password_hash, roles, stores) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (username) DO NOTHING")
                .execute(Tuple.of(account.username(), account.passwordHash(), account.roles().toArray(String[]::new),
                        account.stores().toArray(String[]::new)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Replaces roles, stores and the disabled mark; yields the user as it now is, or null when unknown. */
    public Uni<UserAccount> update(SqlClient client, String username, Set<String> roles, Set<String> stores,
            boolean disabled) {
        return client.preparedQuery("UPDATE users SET roles = $2, stores = $3, updated_at = now(), "
                        + "disabled_at = CASE WHEN $4 THEN coalesce(disabled_at, now()) END "
                        + "WHERE username = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(username, roles.toArray(String[]::new), stores.toArray(String[]::new), disabled))
                .map(rows -> rows.rowCount() == 0 ? null : toAccount(rows.iterator().next()));
    }

    public Uni<Void> updatePassword(SqlClient client, String username, String passwordHash) {
        return client.preparedQuery("UPDATE users SET password_hash = $2, updated_at = now() WHERE username = $1")
                .execute(Tuple.of(username, passwordHash)).replaceWithVoid();
    }

    private static UserAccount toAccount(Row row) {
        return new UserAccount(row.getString("username"), row.getString("password_hash"),
                Set.copyOf(List.of(row.getArrayOfStrings("roles"))),
                Set.copyOf(List.of(row.getArrayOfStrings("stores"))),
                row.getOffsetDateTime("disabled_at"), row.getOffsetDateTime("created_at"));
    }
}

package com.retailintelligence.auth;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** PostgreSQL access for users. */
@ApplicationScoped
public class UserRepository {

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<UserAccount> findByUsername(String username) {
        return pool.preparedQuery("SELECT username, password_hash, roles, stores FROM users WHERE username = $1")
                .execute(Tuple.of(username))
                .map(rows -> rows.rowCount() == 0 ? null : toAccount(rows.iterator().next()));
    }

    public Uni<Boolean> anyExists() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM users)").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Inserts the user; yields false when the username is taken (another replica may have been first). */
    public Uni<Boolean> insertIfAbsent(UserAccount account) {
        return pool.preparedQuery("INSERT INTO users (username, password_hash, roles, stores) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (username) DO NOTHING")
                .execute(Tuple.of(account.username(), account.passwordHash(), account.roles().toArray(String[]::new),
                        account.stores().toArray(String[]::new)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static UserAccount toAccount(Row row) {
        return new UserAccount(row.getString("username"), row.getString("password_hash"),
                Set.copyOf(List.of(row.getArrayOfStrings("roles"))),
                Set.copyOf(List.of(row.getArrayOfStrings("stores"))));
    }
}

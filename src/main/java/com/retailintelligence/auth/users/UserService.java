package com.retailintelligence.auth.users;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Actors;
import com.retailintelligence.access.Roles;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.auth.AccessRevocations;
import com.retailintelligence.auth.GrantOutcome;
import com.retailintelligence.auth.Grants;
import com.retailintelligence.auth.PasswordHasher;
import com.retailintelligence.auth.RefreshTokens;
import com.retailintelligence.auth.UserAccount;
import com.retailintelligence.auth.UserRepository;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.store.StoreDirectory;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * User management for admins: create, list, read, change roles/stores, disable. Each change is audited with it.
 * Returns outcomes ({@link GrantOutcome}); the resource turns them into answers.
 */
@ApplicationScoped
public class UserService {

    private final Pool pool;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final RefreshTokens refreshTokens;
    private final StoreDirectory stores;
    private final AuditLog audit;
    private final AccessRevocations revocations;

    public UserService(Pool pool, UserRepository users, PasswordHasher hasher, RefreshTokens refreshTokens,
            StoreDirectory stores, AuditLog audit, AccessRevocations revocations) {
        this.pool = pool;
        this.users = users;
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.stores = stores;
        this.audit = audit;
        this.revocations = revocations;
    }

    public Uni<GrantOutcome<UserView>> create(SecurityIdentity caller, NewUser body, String requestId) {
        Set<String> storeIds = body.stores() == null ? Set.of() : body.stores();
        return check(body.roles(), storeIds).chain(invalid -> {
            if (invalid != null) {
                return Uni.createFrom().item(invalid);
            }
            return hasher.hash(body.password()).chain(hash -> pool.withTransaction(conn -> {
                UserAccount account = new UserAccount(body.username(), hash, body.roles(), storeIds);
                return users.insertIfAbsent(conn, account).chain(created -> {
                    if (!created) {
                        return Uni.createFrom().item(new GrantOutcome.Conflict<>("A user named '" + body.username() + "' already exists."));
                    }
                    return audit.append(conn, entry(caller, "user.create", body.username(), requestId,
                                    "roles=" + new TreeSet<>(body.roles()) + " stores=" + new TreeSet<>(storeIds)))
                            .chain(() -> users.findByUsername(conn, body.username()))
                            .map(user -> (GrantOutcome<UserView>) new GrantOutcome.Done<>(UserView.of(user)));
                });
            }));
        });
    }

    public Uni<List<UserView>> list() {
        return users.list().map(all -> all.stream().map(UserView::of).toList());
    }

    public Uni<GrantOutcome<UserView>> get(String username) {
        return users.findByUsername(username).map(user -> user == null ? notFound(username) : new GrantOutcome.Done<>(UserView.of(user)));
    }

    public Uni<GrantOutcome<UserView>> change(SecurityIdentity caller, String username, UserChange body, String requestId) {
        return pool.withTransaction(conn -> users.findByUsername(conn, username).chain(current -> {
            if (current == null) {
                return Uni.createFrom().item(notFound(username));
            }
            Set<String> roles = body.roles() == null ? current.roles() : body.roles();
            Set<String> storeIds = body.stores() == null ? current.stores() : body.stores();
            boolean disabled = body.disabled() == null ? current.disabled() : body.disabled();
            if (username.equals(Actors.of(caller)) && (disabled || !roles.contains(Roles.ADMIN))) {
                return Uni.createFrom().item(new GrantOutcome.Conflict<UserView>(
                        "An admin cannot disable themself or drop their own admin role."));
            }
            return check(roles, storeIds).chain(invalid -> invalid != null ? Uni.createFrom().item(invalid)
                    : users.update(conn, username, roles, storeIds, disabled)
                            .call(updated -> disabled ? refreshTokens.revokeAll(conn, username) : Uni.createFrom().voidItem())
                            .call(updated -> audit.append(conn, entry(caller, disabled && !current.disabled() ? "user.disable"
                                    : "user.update", username, requestId, "roles=" + new TreeSet<>(roles) + " stores="
                                            + new TreeSet<>(storeIds) + " disabled=" + disabled)))
                            .map(updated -> (GrantOutcome<UserView>) new GrantOutcome.Done<>(UserView.of(updated))));
        })).call(outcome -> Boolean.TRUE.equals(body.disabled()) && outcome instanceof GrantOutcome.Done
                ? revocations.revoked(username) // close the live feeds they still hold, on every replica
                : Uni.createFrom().voidItem());
    }

    /** Invalid for unknown roles, missing or unknown stores; null when all is well. */
    private Uni<GrantOutcome<UserView>> check(Set<String> roles, Set<String> storeIds) {
        List<Problem.FieldError> errors = Grants.errors(roles, storeIds, "user");
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(new GrantOutcome.Invalid<>("Invalid user.", errors));
        }
        return stores.unknown(storeIds).map(unknown -> unknown.isEmpty() ? null
                : new GrantOutcome.Invalid<>("Invalid user.", List.of(Grants.unknownStores(unknown))));
    }

    private static GrantOutcome<UserView> notFound(String username) {
        return new GrantOutcome.NotFound<>("No user named '" + username + "'.");
    }

    private static AuditEntry entry(SecurityIdentity caller, String action, String target, String requestId, String detail) {
        return new AuditEntry(Actors.of(caller), AuditEntry.Channel.REST, action, target, AuditEntry.Result.SUCCESS,
                requestId, detail);
    }
}

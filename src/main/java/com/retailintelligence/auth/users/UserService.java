package com.retailintelligence.auth.users;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.retailintelligence.access.Actors;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.auth.AccessRevocations;
import com.retailintelligence.auth.Grants;
import com.retailintelligence.auth.PasswordHasher;
import com.retailintelligence.auth.RefreshTokens;
import com.retailintelligence.auth.UserAccount;
import com.retailintelligence.auth.UserRepository;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.Problems;
import com.retailintelligence.store.StoreDirectory;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** User management for admins: create, list, read, change roles/stores, disable. Each change is audited with it. */
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

    public Uni<Response> create(SecurityIdentity caller, NewUser body, String requestId) {
        Set<String> storeIds = body.stores() == null ? Set.of() : body.stores();
        return check(body.roles(), storeIds).chain(problem -> {
            if (problem != null) {
                return Uni.createFrom().item(problem);
            }
            return hasher.hash(body.password()).chain(hash -> pool.withTransaction(conn -> {
                UserAccount account = new UserAccount(body.username(), hash, body.roles(), storeIds);
                return users.insertIfAbsent(conn, account).chain(created -> {
                    if (!created) {
                        return Uni.createFrom().item(Problems.conflict("A user named '" + body.username() + "' already exists."));
                    }
                    return audit.append(conn, entry(caller, "user.create", body.username(), requestId,
                                    "roles=" + new TreeSet<>(body.roles()) + " stores=" + new TreeSet<>(storeIds)))
                            .chain(() -> users.findByUsername(conn, body.username()))
                            .map(user -> Response.created(java.net.URI.create("/api/v1/auth/users/" + user.username()))
                                    .entity(UserView.of(user)).build());
                });
            }));
        });
    }

    public Uni<List<UserView>> list() {
        return users.list().map(all -> all.stream().map(UserView::of).toList());
    }

    public Uni<Response> get(String username) {
        return users.findByUsername(username).map(user -> user == null ? notFound(username) : Response.ok(UserView.of(user)).build());
    }

    public Uni<Response> change(SecurityIdentity caller, String username, UserChange body, String requestId) {
        return pool.withTransaction(conn -> users.findByUsername(conn, username).chain(current -> {
            if (current == null) {
                return Uni.createFrom().item(notFound(username));
            }
            Set<String> roles = body.roles() == null ? current.roles() : body.roles();
            Set<String> storeIds = body.stores() == null ? current.stores() : body.stores();
            boolean disabled = body.disabled() == null ? current.disabled() : body.disabled();
            if (username.equals(Actors.of(caller)) && (disabled || !roles.contains(com.retailintelligence.access.Roles.ADMIN))) {
                return Uni.createFrom().item(Problems.response(Response.Status.CONFLICT,
                        "An admin cannot disable themself or drop their own admin role."));
            }
            return check(roles, storeIds).chain(problem -> problem != null ? Uni.createFrom().item(problem)
                    : users.update(conn, username, roles, storeIds, disabled)
                            .call(updated -> disabled ? refreshTokens.revokeAll(conn, username) : Uni.createFrom().voidItem())
                            .call(updated -> audit.append(conn, entry(caller, disabled && !current.disabled() ? "user.disable"
                                    : "user.update", username, requestId, "roles=" + new TreeSet<>(roles) + " stores="
                                            + new TreeSet<>(storeIds) + " disabled=" + disabled)))
                            .map(updated -> Response.ok(UserView.of(updated)).build()));
        })).call(response -> Boolean.TRUE.equals(body.disabled()) && response.getStatus() == 200
                ? revocations.revoked(username) // close the live feeds they still hold, on every replica
                : Uni.createFrom().voidItem());
    }

    /** 400 for unknown roles, missing or unknown stores; null when all is well. */
    private Uni<Response> check(Set<String> roles, Set<String> storeIds) {
        List<Problem.FieldError> errors = Grants.errors(roles, storeIds, "user");
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, "Invalid user.", errors));
        }
        return stores.unknown(storeIds).map(unknown -> unknown.isEmpty() ? null
                : Problems.response(Response.Status.BAD_REQUEST, "Invalid user.", List.of(Grants.unknownStores(unknown))));
    }

    private static Response notFound(String username) {
        return Problems.notFound("No user named '" + username + "'.");
    }

    private static AuditEntry entry(SecurityIdentity caller, String action, String target, String requestId, String detail) {
        return new AuditEntry(Actors.of(caller), AuditEntry.Channel.REST, action, target, AuditEntry.Result.SUCCESS,
                requestId, detail);
    }
}

package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Password logins, token refresh, logout and password changes. Every attempt leaves one audit entry; a
 * successful one writes it in the same transaction as its refresh token.
 */
@ApplicationScoped
public class AuthService {

    private final Pool pool;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final AuthConfig config;

    public AuthService(Pool pool, UserRepository users, PasswordHasher hasher, TokenIssuer issuer,
            RefreshTokens refreshTokens, LoginThrottle throttle, AuditLog audit, AuthConfig config) {
        this.pool = pool;
        this.users = users;
        this.hasher = hasher;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config;
    }

    /** Checks the credentials (unless the throttle says wait) and issues tokens; never says which part was wrong. */
    public Uni<LoginResult> login(LoginRequest request, String address, String requestId) {
        String username = request.username();
        return throttle.retryAfter(username, address).chain(wait -> {
            if (wait > 0) {
                return audit.record(entry(username, "auth.login", AuditEntry.Result.DENIED, requestId, "throttled"))
                        .replaceWith(new LoginResult.Throttled(wait));
            }
            return users.findByUsername(username)
                    .chain(user -> hasher.matches(request.password(), user == null ? null : user.passwordHash())
                            .chain(ok -> {
                                if (!ok || user.disabled()) {
                                    return throttle.failed(username, address)
                                            .chain(() -> audit.record(entry(username, "auth.login", AuditEntry.Result.FAILURE,
                                                    requestId, user != null && ok ? "user disabled" : "bad credentials")))
                                            .replaceWith((LoginResult) new LoginResult.Refused());
                                }
                                return throttle.succeeded(username).chain(() -> pool.withTransaction(conn -> issue(conn, user)
                                        .call(tokens -> audit.append(conn, entry(username, "auth.login",
                                                AuditEntry.Result.SUCCESS, requestId, null)))));
                            }));
        });
    }

    /** Exchanges a refresh token (used once) for new tokens, if it is live and its user still enabled. */
    public Uni<LoginResult> refresh(String refreshToken, String requestId) {
        return pool.withTransaction(conn -> refreshTokens.use(conn, refreshToken).chain(username -> {
            if (username == null) {
                return Uni.createFrom().<LoginResult>item(new LoginResult.Refused());
            }
            return users.findByUsername(conn, username).chain(user -> {
                if (user == null || user.disabled()) {
                    return audit.append(conn, entry(username, "auth.refresh", AuditEntry.Result.FAILURE, requestId,
                            "user disabled")).replaceWith((LoginResult) new LoginResult.Refused());
                }
                return issue(conn, user).call(tokens -> audit.append(conn, entry(username, "auth.refresh",
                        AuditEntry.Result.SUCCESS, requestId, null)));
            });
        })).chain(result -> result instanceof LoginResult.Refused
                ? audit.record(entry("anonymous", "auth.refresh", AuditEntry.Result.FAILURE, requestId,
                        "unknown, used, expired or revoked refresh token")).replaceWith(result)
                : Uni.createFrom().item(result));
    }

    /** Revokes the refresh token; answers the same whether it was live or not. */
    public Uni<Void> logout(String actor, String refreshToken, String requestId) {
        return pool.withTransaction(conn -> refreshTokens.use(conn, refreshToken)
                .call(username -> audit.append(conn, entry(username == null ? actor : username, "auth.logout",
                        username == null ? AuditEntry.Result.FAILURE : AuditEntry.Result.SUCCESS, requestId,
                        username == null ? "refresh token not live" : null))))
                .replaceWithVoid();
    }

    /** Changes the caller's password if the current one is right; revokes their refresh tokens. */
    public Uni<Boolean> changePassword(String username, PasswordChange change, String requestId) {
        return users.findByUsername(username)
                .chain(user -> hasher.matches(change.currentPassword(), user == null ? null : user.passwordHash())
                        .chain(ok -> {
                            if (!ok) {
                                return audit.record(entry(username, "auth.password", AuditEntry.Result.FAILURE, requestId,
                                        "wrong current password")).replaceWith(false);
                            }
                            return hasher.hash(change.newPassword()).chain(hash -> pool.withTransaction(conn ->
                                    users.updatePassword(conn, username, hash)
                                            .chain(() -> refreshTokens.revokeAll(conn, username))
                                            .chain(() -> audit.append(conn, entry(username, "auth.password",
                                                    AuditEntry.Result.SUCCESS, requestId, null)))))
                                    .replaceWith(true);
                        }));
    }

    private Uni<LoginResult> issue(SqlConnection conn, UserAccount user) {
        return refreshTokens.issue(conn, user.username(), config.auth().refreshTtl())
                .map(refresh -> new LoginResult.Issued(new TokenResponse(issuer.accessToken(user), "Bearer",
                        issuer.accessTtlSeconds(), refresh, config.auth().refreshTtl().toSeconds())));
    }

    private static AuditEntry entry(String actor, String action, AuditEntry.Result result, String requestId, String detail) {
        return new AuditEntry(actor, AuditEntry.Channel.REST, action, actor, result, requestId, detail);
    }
}

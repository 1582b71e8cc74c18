package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Actors;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.audit.RepeatedAttempts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Password logins, token refresh, logout and password changes. Every attempt is audited: a success in the same
 * transaction as its refresh token; a failed login on its own (the throttle bounds how many); refusals an anonymous
 * client can repeat at will (throttled logins, unknown refresh tokens) folded per source and minute.
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
    private final RepeatedAttempts repeated;
    private final AuthConfig config;

    public AuthService(Pool pool, UserRepository users, PasswordHasher hasher, TokenIssuer issuer,
            RefreshTokens refreshTokens, LoginThrottle throttle, AuditLog audit, RepeatedAttempts repeated, AuthConfig config) {
        this.pool = pool;
        this.users = users;
        this.hasher = hasher;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.audit = audit;
        this.repeated = repeated;
        this.config = config;
    }

    /** Where a request came from: its client address and request id. */
    public record Client(String address, String requestId) {
    }

    /** Checks the credentials (unless the throttle says wait) and issues tokens; never says which part was wrong. */
    public Uni<LoginResult> login(LoginRequest request, Client client) {
        String username = request.username();
        return checkPassword(username, request.password(), client).chain(check -> {
            if (check.waitSeconds() > 0) {
                repeated.record(entry(username, "auth.login", AuditEntry.Result.DENIED, client, "throttled"), client.address(), false);
                return Uni.createFrom().item(new LoginResult.Throttled(check.waitSeconds()));
            }
            UserAccount user = check.user();
            if (!check.matches() || user.disabled()) {
                return audit.record(entry(username, "auth.login", AuditEntry.Result.FAILURE, client,
                                check.matches() ? "user disabled" : "bad credentials"))
                        .replaceWith((LoginResult) new LoginResult.Refused());
            }
            return throttle.succeeded(username, client.address())
                    .chain(() -> pool.withTransaction(conn -> issue(conn, user)
                            .call(tokens -> audit.append(conn, entry(username, "auth.login", AuditEntry.Result.SUCCESS, client, null)))));
        });
    }

    /** Exchanges a refresh token (used once) for new tokens, if it is live and its user still enabled. */
    public Uni<LoginResult> refresh(String refreshToken, Client client) {
        return pool.withTransaction(conn -> refreshTokens.use(conn, refreshToken).chain(username -> {
            if (username == null) {
                return Uni.createFrom().<LoginResult>item(new LoginResult.Refused());
            }
            return users.findByUsername(conn, username).chain(user -> {
                if (user == null || user.disabled()) {
                    return audit.append(conn, entry(username, "auth.refresh", AuditEntry.Result.FAILURE, client,
                            "user disabled")).replaceWith((LoginResult) new LoginResult.Refused());
                }
                return issue(conn, user).call(tokens -> audit.append(conn, entry(username, "auth.refresh",
                        AuditEntry.Result.SUCCESS, client, null)));
            });
        })).invoke(result -> {
            if (result instanceof LoginResult.Refused) {
                repeated.record(entry(Actors.ANONYMOUS, "auth.refresh", AuditEntry.Result.FAILURE, client,
                        "unknown, used, expired or revoked refresh token"), client.address(), false);
            }
        });
    }

    /** Revokes the refresh token; answers the same whether it was live or not. */
    public Uni<Void> logout(String refreshToken, Client client) {
        return pool.withTransaction(conn -> refreshTokens.use(conn, refreshToken)
                .call(username -> username == null ? Uni.createFrom().voidItem()
                        : audit.append(conn, entry(username, "auth.logout", AuditEntry.Result.SUCCESS, client, null))))
                .invoke(username -> {
                    if (username == null) {
                        repeated.record(entry(Actors.ANONYMOUS, "auth.logout", AuditEntry.Result.FAILURE, client,
                                "refresh token not live"), client.address(), false);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Changes the caller's password if the current one is right, and revokes their refresh tokens. Wrong current
     * passwords count against the login throttle too: a stolen access token must not be a way to guess the password.
     */
    public Uni<LoginResult> changePassword(String username, PasswordChange change, Client client) {
        return checkPassword(username, change.currentPassword(), client).chain(check -> {
            if (check.waitSeconds() > 0) {
                repeated.record(entry(username, "auth.password", AuditEntry.Result.DENIED, client, "throttled"), client.address(), true);
                return Uni.createFrom().item(new LoginResult.Throttled(check.waitSeconds()));
            }
            if (!check.matches()) {
                repeated.record(entry(username, "auth.password", AuditEntry.Result.FAILURE, client, "wrong current password"),
                        client.address(), true);
                return Uni.createFrom().item((LoginResult) new LoginResult.Refused());
            }
            return throttle.succeeded(username, client.address())
                    .chain(() -> hasher.hash(change.newPassword()))
                    .chain(hash -> pool.withTransaction(conn -> users.updatePassword(conn, username, hash)
                            .chain(() -> refreshTokens.revokeAll(conn, username))
                            .chain(() -> audit.append(conn, entry(username, "auth.password", AuditEntry.Result.SUCCESS, client, null)))))
                    .replaceWith((LoginResult) new LoginResult.Changed());
        });
    }

    /**
     * A password checked behind the throttle. The attempt is counted before the password is checked (and taken back
     * on success, by the caller): see {@link LoginThrottle}.
     */
    private Uni<PasswordCheck> checkPassword(String username, String password, Client client) {
        return throttle.attempt(username, client.address()).chain(wait -> wait > 0
                ? Uni.createFrom().item(new PasswordCheck(wait, null, false))
                : users.findByUsername(username)
                        .chain(user -> hasher.matches(password, user == null ? null : user.passwordHash())
                                .map(matches -> new PasswordCheck(0, user, matches))));
    }

    /** Seconds to wait first (then nothing was checked), or the user (null if unknown) and whether the password matched. */
    private record PasswordCheck(long waitSeconds, UserAccount user, boolean matches) {
    }

    private Uni<LoginResult> issue(SqlConnection conn, UserAccount user) {
        return refreshTokens.issue(conn, user.username(), config.auth().refreshTtl())
                .map(refresh -> new LoginResult.Issued(new TokenResponse(issuer.accessToken(user), "Bearer",
                        issuer.accessTtlSeconds(), refresh, config.auth().refreshTtl().toSeconds())));
    }

    private static AuditEntry entry(String actor, String action, AuditEntry.Result result, Client client, String detail) {
        return new AuditEntry(actor, AuditEntry.Channel.REST, action, actor, result, client.requestId(), detail);
    }
}

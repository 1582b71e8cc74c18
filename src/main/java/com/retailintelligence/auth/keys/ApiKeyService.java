package com.retailintelligence.auth.keys;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Actors;
import com.retailintelligence.access.Roles;
import com.retailintelligence.audit.AccessDenials;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.audit.RepeatedAttempts;
import com.retailintelligence.auth.AccessRevocations;
import com.retailintelligence.auth.GrantOutcome;
import com.retailintelligence.auth.Grants;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.store.StoreDirectory;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Creates, lists and revokes API keys. Admins manage every key; managers create keys for their own stores
 * (roles viewer, ingest, display only) and see and revoke the keys they created. Each change and its audit
 * entry share one transaction. Returns outcomes ({@link GrantOutcome}); the resource turns them into answers.
 */
@ApplicationScoped
public class ApiKeyService {

    private final Pool pool;
    private final ApiKeyRepository keys;
    private final StoreDirectory stores;
    private final AuditLog audit;
    private final AccessRevocations revocations;
    private final RepeatedAttempts repeated;

    public ApiKeyService(Pool pool, ApiKeyRepository keys, StoreDirectory stores, AuditLog audit,
            AccessRevocations revocations, RepeatedAttempts repeated) {
        this.pool = pool;
        this.keys = keys;
        this.stores = stores;
        this.audit = audit;
        this.revocations = revocations;
        this.repeated = repeated;
    }

    /** Creates the key; the outcome carries the key itself (to be shown this once). */
    public Uni<GrantOutcome<CreatedApiKey>> create(SecurityIdentity caller, NewApiKey body, String requestId) {
        List<Problem.FieldError> errors = new ArrayList<>(Grants.errors(body.roles(), body.stores(), "key"));
        if (body.expiry() != null && !body.expiry().isAfter(OffsetDateTime.now())) {
            errors.add(new Problem.FieldError("expiresAt", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(new GrantOutcome.Invalid<>("Invalid API key request.", errors));
        }
        String refusal = Grants.refusal(caller, body.roles(), body.stores());
        if (refusal != null) {
            // Folded per principal: a caller repeating a refused grant cannot grow the log row by row.
            repeated.record(entry(caller, "apikey.create", body.name(), AuditEntry.Result.DENIED, requestId, refusal), null, true,
                    "grant refused");
            return Uni.createFrom().item(new GrantOutcome.Refused<>(refusal));
        }
        return stores.unknown(body.stores()).chain(unknown -> {
            if (!unknown.isEmpty()) {
                return Uni.createFrom().item(new GrantOutcome.Invalid<CreatedApiKey>("Invalid API key request.",
                        List.of(Grants.unknownStores(unknown))));
            }
            String key = ApiKeySecrets.generate();
            UUID id = UUID.randomUUID();
            String prefix = ApiKeySecrets.prefixOf(key);
            return pool.withTransaction(conn -> keys.insert(conn, id, body.name(), prefix, ApiKeySecrets.hash(key),
                            body.roles(), body.stores(), body.expiry(), Actors.of(caller))
                    .call(created -> audit.append(conn, entry(caller, "apikey.create", prefix, AuditEntry.Result.SUCCESS,
                            requestId, "roles=" + new TreeSet<>(body.roles()) + " stores=" + new TreeSet<>(body.stores())))))
                    .map(created -> new GrantOutcome.Done<>(new CreatedApiKey(key, id, created)));
        });
    }

    public Uni<List<ApiKey>> list(SecurityIdentity caller) {
        return keys.list(caller.hasRole(Roles.ADMIN) ? null : Actors.of(caller));
    }

    /**
     * Revokes a key the caller may manage (another's key answers 404 like a missing one); once committed, every
     * replica is told to close the live feeds opened with it.
     */
    public Uni<GrantOutcome<ApiKey>> revoke(SecurityIdentity caller, UUID id, String requestId) {
        return pool.withTransaction(conn -> keys.find(conn, id).chain(key -> {
            if (key == null || !mayManage(caller, key)) {
                if (key != null) {
                    repeated.record(entry(caller, AccessDenials.ACTION, "DELETE /api/v1/auth/api-keys/" + id,
                            AuditEntry.Result.DENIED, requestId, "another principal's API key"), null, true);
                }
                return Uni.createFrom().<ApiKey>nullItem();
            }
            return keys.revoke(conn, id)
                    .call(revoked -> audit.append(conn, entry(caller, "apikey.revoke", key.prefix(), AuditEntry.Result.SUCCESS,
                            requestId, revoked ? null : "already revoked")))
                    .replaceWith(key);
        })).chain(key -> key == null
                ? Uni.createFrom().item(new GrantOutcome.NotFound<>("No API key with id '" + id + "'."))
                : revocations.revoked(ApiKeyIdentityProvider.PRINCIPAL_PREFIX + key.prefix())
                        .replaceWith(new GrantOutcome.Done<>(key)));
    }

    private static boolean mayManage(SecurityIdentity caller, ApiKey key) {
        return caller.hasRole(Roles.ADMIN) || Actors.of(caller).equals(key.createdBy());
    }

    private static AuditEntry entry(SecurityIdentity caller, String action, String target, AuditEntry.Result result,
            String requestId, String detail) {
        return new AuditEntry(Actors.of(caller), AuditEntry.Channel.REST, action, target, result, requestId, detail);
    }
}

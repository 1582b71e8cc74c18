package com.retailintelligence.audit;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.problem.TransientFailures;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes the append-only audit log. With a change, {@link #append(SqlClient, AuditEntry)} runs on the change's
 * own transaction, so both are kept or neither; on its own (logins, denials), {@link #record(AuditEntry)}.
 */
@ApplicationScoped
public class AuditLog {

    private static final String COLUMNS = "INSERT INTO audit_log (actor, interface, action, target, result, request_id, detail, "
            + "occurrences) VALUES ";
    private static final String INSERT = COLUMNS + "($1, $2, $3, $4, $5, $6, $7, $8)";
    /** The same statement with JPA's positional parameters, for a Hibernate Reactive session's native query. */
    private static final String INSERT_NATIVE = COLUMNS + "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    private final Pool pool;

    public AuditLog(Pool pool) {
        this.pool = pool;
    }

    /** Appends the entry on the given connection (inside the caller's transaction). */
    public Uni<Void> append(SqlClient client, AuditEntry entry) {
        return client.preparedQuery(INSERT).execute(tuple(entry)).replaceWithVoid();
    }

    /** Appends the entry in a Hibernate Reactive session (inside its transaction). */
    public Uni<Void> append(org.hibernate.reactive.mutiny.Mutiny.Session session, AuditEntry entry) {
        var insert = session.createNativeQuery(INSERT_NATIVE);
        java.util.List<Object> values = values(entry);
        for (int i = 0; i < values.size(); i++) {
            insert.setParameter(i + 1, values.get(i));
        }
        return insert.executeUpdate().replaceWithVoid();
    }

    /**
     * Appends the entry in its own statement; a failure is logged, never thrown (the answer stands): as one of the
     * outage's rate-limited warnings when PostgreSQL is away, as an error otherwise.
     */
    public Uni<Void> record(AuditEntry entry) {
        return append(pool, entry).onFailure().recoverWithUni(failure -> {
            TransientFailures.Kind kind = TransientFailures.classify(failure);
            if (kind != null) {
                TransientFailures.report(kind, failure);
            } else {
                Log.errorf("Could not write the audit entry %s: %s", entry, failure.getMessage());
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** Records without waiting (denials answered at once). */
    public void recordLater(AuditEntry entry) {
        record(entry).subscribe().with(ignored -> {
        });
    }

    private static Tuple tuple(AuditEntry entry) {
        return Tuple.tuple(values(entry));
    }

    /** The values of {@link #INSERT_NATIVE}'s parameters 1 to 8, in order. */
    private static java.util.List<Object> values(AuditEntry entry) {
        return java.util.Arrays.asList(cut(entry.actor(), 200), entry.channel().column(), entry.action(),
                cut(entry.target(), 500), entry.result().column(), entry.requestId(), cut(entry.detail(), 1000), entry.occurrences());
    }

    /** Text a client had a hand in is kept, but not at any length. */
    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }
}

package com.retailintelligence.problem;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Failures that are nobody's mistake and pass by themselves: PostgreSQL unreachable, restarting or out of
 * connections, and the service's own bounded queues full. They are answered 503 with Retry-After (never 500),
 * and logged as a {@link ThrottledWarning}: at most once per {@link #LOG_EVERY_MILLIS}, with how many there were
 * meanwhile.
 */
public final class TransientFailures {

    /** Seconds a client should wait after PostgreSQL was unreachable (readiness takes about as long to notice). */
    public static final int DATABASE_RETRY_AFTER = 5;
    /** Seconds a client should wait after a full queue: a moment, since queues drain in milliseconds. */
    public static final int OVERLOAD_RETRY_AFTER = 1;

    private static final long LOG_EVERY_MILLIS = 10_000;
    private static final ThrottledWarning warning = new ThrottledWarning(LOG_EVERY_MILLIS);

    private TransientFailures() {
    }

    /** What kind of transient failure this is, or null when it is not one (then it is a bug: 500). */
    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CompositeException composite) {
                for (Throwable cause : composite.getCauses()) {
                    Kind kind = classify(cause);
                    if (kind != null) {
                        return kind;
                    }
                }
            }
            if (t instanceof ConnectionPoolTooBusyException || t instanceof OverloadedException) {
                return Kind.OVERLOADED;
            }
            if (t instanceof io.vertx.core.impl.NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
                return Kind.OVERLOADED; // no pooled connection within RETAIL_DB_ACQUIRE_TIMEOUT: every one is busy
            }
            if (t instanceof ConnectException || t instanceof ClosedConnectionException || t instanceof TimeoutException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return Kind.DATABASE_UNAVAILABLE;
            }
            if (t instanceof java.io.IOException && isConnectionLoss(t.getMessage())) {
                return Kind.DATABASE_UNAVAILABLE; // a write to PostgreSQL's socket as the server went away
            }
            if (t instanceof PgException pg && isUnavailable(pg.getSqlState())) {
                return Kind.DATABASE_UNAVAILABLE;
            }
            if (t instanceof VertxException && t.getMessage() != null
                    && (t.getMessage().startsWith("Timeout waiting for connection") || t.getMessage().contains("Connection closed")
                            || t.getMessage().contains("Pool closed"))) {
                return Kind.DATABASE_UNAVAILABLE;
            }
        }
        return null;
    }

    private static boolean isConnectionLoss(String message) {
        return message != null && (message.contains("Broken pipe") || message.contains("Connection reset"));
    }

    /**
     * SQLSTATE classes that mean "try again later": 08 connection exceptions, 53 insufficient resources (too many
     * connections), 57P01-57P03 server shutting down or starting, 40001/40P01 serialization failure and deadlock.
     */
    private static boolean isUnavailable(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.equals("57P01")
                || state.equals("57P02") || state.equals("57P03") || state.equals("40001") || state.equals("40P01"));
    }

    /** The 503 answer for a transient failure of this kind, logged as described above. */
    public static Response response(Kind kind, Throwable failure) {
        report(kind, failure);
        return Response.fromResponse(Problems.response(Response.Status.SERVICE_UNAVAILABLE, kind.detail))
                .header("Retry-After", kind.retryAfterSeconds).build();
    }

    /**
     * Logs a failure of background work: a transient one as {@link #report} does (rate-limited warnings), anything
     * else as an error naming {@code what} failed.
     */
    public static void reportOrError(Throwable failure, String what) {
        Kind kind = classify(failure);
        if (kind != null) {
            report(kind, failure);
        } else {
            io.quarkus.logging.Log.errorf(failure, "%s failed", what);
        }
    }

    /** Logs a warning for the first failure in each interval, counting the rest. */
    public static void report(Kind kind, Throwable failure) {
        warning.warn(() -> String.format("%s: %s (answered 503 with Retry-After: %d s)", kind.logText, rootMessage(failure),
                kind.retryAfterSeconds));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** The kinds, with the answer's detail and the log's words. */
    public enum Kind {
        DATABASE_UNAVAILABLE("The database is unavailable; try again in a few seconds.",
                "PostgreSQL is unavailable", DATABASE_RETRY_AFTER),
        OVERLOADED("The service is busy; try again in a moment.", "Overloaded: a bounded queue was full", OVERLOAD_RETRY_AFTER);

        private final String detail;
        private final String logText;
        private final int retryAfterSeconds;

        Kind(String detail, String logText, int retryAfterSeconds) {
            this.detail = detail;
            this.logText = logText;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public String detail() {
            return detail;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}

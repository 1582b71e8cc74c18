package com.retailintelligence.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Which failures are nobody's mistake (503 with Retry-After) and which are bugs (500), as the clients of PostgreSQL raise them. */
class TransientFailuresTest {

    private static PgException pg(String state) {
        return new PgException("message", "ERROR", state, "detail");
    }

    @Test
    void theDatabaseBeingAwayIsTransient() {
        assertEquals(TransientFailures.Kind.DATABASE_UNAVAILABLE, TransientFailures.classify(new ConnectException("Connection refused")));
        assertEquals(TransientFailures.Kind.DATABASE_UNAVAILABLE, TransientFailures.classify(ClosedConnectionException.INSTANCE));
        assertEquals(TransientFailures.Kind.DATABASE_UNAVAILABLE, TransientFailures.classify(new IOException("Broken pipe")));
        assertEquals(TransientFailures.Kind.DATABASE_UNAVAILABLE, TransientFailures.classify(pg("57P01")));
        assertEquals(TransientFailures.Kind.DATABASE_UNAVAILABLE, TransientFailures.classify(pg("08006")));
        assertEquals(TransientFailures.Kind.DATABASE_UNAVAILABLE, TransientFailures.classify(pg("53300")));
        assertEquals(TransientFailures.Kind.DATABASE_UNAVAILABLE,
                TransientFailures.classify(new RuntimeException("wrapped", new ConnectException("Connection refused"))));
        assertEquals(TransientFailures.Kind.DATABASE_UNAVAILABLE,
                TransientFailures.classify(new CompositeException(new IllegalStateException("x"), pg("57P03"))));
    }

    @Test
    void fullQueuesAreTransient() {
        assertEquals(TransientFailures.Kind.OVERLOADED, TransientFailures.classify(new ConnectionPoolTooBusyException("full")));
        assertEquals(TransientFailures.Kind.OVERLOADED, TransientFailures.classify(new OverloadedException("full")));
        // The pool's acquire timeout (RETAIL_DB_ACQUIRE_TIMEOUT) fails with exactly this.
        assertEquals(TransientFailures.Kind.OVERLOADED, TransientFailures.classify(new NoStackTraceThrowable("Timeout")));
    }

    @Test
    void bugsAndClientMistakesAreNot() {
        assertNull(TransientFailures.classify(new IllegalStateException("bug")));
        assertNull(TransientFailures.classify(pg("23505")));
        assertNull(TransientFailures.classify(pg("22P02")));
        assertNull(TransientFailures.classify(new IOException("Stream is closed")));
        assertNull(TransientFailures.classify(new NoStackTraceThrowable("something else")));
    }
}

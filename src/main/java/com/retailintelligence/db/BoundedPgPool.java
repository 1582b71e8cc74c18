package com.retailintelligence.db;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;

/**
 * Creates the PostgreSQL pool as Quarkus configures it, plus the bounds Quarkus has no settings for: a bounded
 * queue of requests waiting for a connection, a timeout on that wait, and one on connecting. Without them, a
 * stopped or saturated database made requests wait for tens of seconds and pile up.
 */
@Singleton
public class BoundedPgPool implements PgPoolCreator {

    private final DatabaseConfig config;

    public BoundedPgPool(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    @SuppressWarnings("deprecation") // PgPool: the type Quarkus' pool bean still has in Vert.x 4
    public Pool create(Input input) {
        input.poolOptions()
                .setMaxWaitQueueSize(config.maxWaiting())
                .setConnectionTimeout((int) Math.max(1, config.acquireTimeout().toMillis()))
                .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) config.connectTimeout().toMillis());
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}

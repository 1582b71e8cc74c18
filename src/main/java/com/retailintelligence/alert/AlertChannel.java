package com.retailintelligence.alert;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A channel that keeps its own durable queue of alerts to deliver (the Telegram outbox): it is handed each notice inside
 * the transaction that fires or resolves the alert, so the alert and its deliveries are stored together or not at all.
 * Implemented by higher layers (telegram), found by CDI, so this package does not depend on them.
 */
public interface AlertChannel {

    /** Queues the notice for delivery on {@code tx} (system scope: the channel checks who may see the store itself). */
    Uni<Void> enqueue(SqlConnection tx, AlertNotice notice);
}

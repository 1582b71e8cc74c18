package com.retailintelligence.telegram;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** PostgreSQL table of received updates: stored once per update_id, processed once, in order per chat. */
@ApplicationScoped
public class UpdateStore {

    /** Advisory-lock class of "processing one chat's updates" (the second key is the chat's hash). */
    private static final int CHAT_LOCK = 0x7e1e;

    private final Pool pool;

    public UpdateStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the update; yields false when it was stored before (Telegram re-sent it, or another replica got it). */
    public Uni<Boolean> store(long updateId, long chatId, JsonObject payload) {
        return pool.preparedQuery("INSERT INTO telegram_updates (update_id, chat_id, payload) VALUES ($1, $2, $3) "
                + "ON CONFLICT (update_id) DO NOTHING").execute(Tuple.of(updateId, chatId, payload)).map(rows -> rows.rowCount() == 1);
    }

    /** Chats with updates waiting, the longest-waiting first. */
    public Uni<List<Long>> chatsWithPending(int limit) {
        return pool.preparedQuery("SELECT chat_id FROM telegram_updates WHERE processed_at IS NULL GROUP BY chat_id "
                + "ORDER BY min(update_id) LIMIT $1").execute(Tuple.of(limit)).map(rows -> {
                    List<Long> chats = new ArrayList<>();
                    rows.forEach(row -> chats.add(row.getLong(0)));
                    return chats;
                });
    }

    /** In the caller's transaction: true when this transaction now holds the chat (no other replica is processing it). */
    public Uni<Boolean> lockChat(SqlConnection tx, long chatId) {
        return tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1, hashint8($2))").execute(Tuple.of(CHAT_LOCK, chatId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** In the caller's transaction (holding the chat): the chat's oldest unprocessed update, or null. */
    public Uni<JsonObject> next(SqlConnection tx, long chatId) {
        return tx.preparedQuery("SELECT payload FROM telegram_updates WHERE chat_id = $1 AND processed_at IS NULL "
                + "ORDER BY update_id LIMIT 1 FOR UPDATE").execute(Tuple.of(chatId))
                .map(rows -> rows.rowCount() == 0 ? null : payload(rows.iterator().next()));
    }

    public Uni<Void> markProcessed(SqlConnection tx, long updateId) {
        return tx.preparedQuery("UPDATE telegram_updates SET processed_at = now() WHERE update_id = $1")
                .execute(Tuple.of(updateId)).replaceWithVoid();
    }

    /** Forgets processed updates older than Telegram's own 24 h of re-sending (and some margin). */
    public Uni<Integer> prune() {
        return pool.query("DELETE FROM telegram_updates WHERE processed_at < now() - interval '3 days'").execute()
                .map(rows -> rows.rowCount());
    }

    private static JsonObject payload(Row row) {
        Object value = row.getValue("payload");
        return value instanceof JsonObject json ? json : new JsonObject(String.valueOf(value));
    }
}

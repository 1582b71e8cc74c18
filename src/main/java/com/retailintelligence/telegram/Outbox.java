package com.retailintelligence.telegram;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The PostgreSQL outbox of Bot API calls: written in the transaction that decided them, so a message is kept exactly
 * when its cause is; claimed one chat's head at a time, so each chat's messages go out in order, by one replica.
 */
@ApplicationScoped
public class Outbox {

    /** A claimed row, ready to send. */
    public record Pending(long id, long chatId, String method, JsonObject params, byte[] photo, boolean limited, int attempts) {
    }

    private static final String CLAIM = """
            WITH heads AS (
                SELECT DISTINCT ON (chat_id) id, next_attempt_at, claimed_until FROM telegram_outbox
                WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY chat_id, id),
            due AS (
                SELECT id FROM heads WHERE next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                ORDER BY next_attempt_at LIMIT $1)
            UPDATE telegram_outbox o SET claimed_until = now() + interval '2 minutes' FROM due
            WHERE o.id = due.id AND o.sent_at IS NULL AND o.failed_at IS NULL
              AND (o.claimed_until IS NULL OR o.claimed_until < now())
            RETURNING o.id, o.chat_id, o.method, o.params, o.photo, o.limited, o.attempts""";

    private final Pool pool;

    public Outbox(Pool pool) {
        this.pool = pool;
    }

    /** Adds the calls in the caller's transaction, in order. */
    public Uni<Void> enqueue(SqlClient tx, List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(messages.size());
        for (Outgoing message : messages) {
            rows.add(Tuple.of(message.chatId(), message.method(), message.params(),
                    message.photo() == null ? null : io.vertx.core.buffer.Buffer.buffer(message.photo()), message.limited()));
        }
        return tx.preparedQuery("INSERT INTO telegram_outbox (chat_id, method, params, photo, limited) VALUES ($1, $2, $3, $4, $5)")
                .executeBatch(rows).replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due rows, each the oldest unsent of its chat and claimed by no live replica. A replica
     * that dies holding a claim loses it after 2 minutes.
     */
    public Uni<List<Pending>> claim(int limit) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(limit)).map(rows -> {
            List<Pending> claimed = new ArrayList<>();
            rows.forEach(row -> claimed.add(pending(row)));
            claimed.sort(java.util.Comparator.comparingLong(Pending::id));
            return claimed;
        });
    }

    public Uni<Void> sent(long id) {
        return pool.preparedQuery("UPDATE telegram_outbox SET sent_at = now(), claimed_until = NULL, attempts = attempts + 1 WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Tries again after {@code delayMillis}; {@code attempted}: a call was made (counts as an attempt), else it waited for a limit. */
    public Uni<Void> later(long id, long delayMillis, boolean attempted, String reason) {
        return pool.preparedQuery("UPDATE telegram_outbox SET next_attempt_at = now() + $2 * interval '1 millisecond', "
                + "claimed_until = NULL, attempts = attempts + $3, failure = coalesce($4, failure) WHERE id = $1")
                .execute(Tuple.of(id, delayMillis, attempted ? 1 : 0, reason)).replaceWithVoid();
    }

    /** Gives up on the row (Telegram refused it for good). */
    public Uni<Void> failed(long id, String reason) {
        return pool.preparedQuery("UPDATE telegram_outbox SET failed_at = now(), claimed_until = NULL, attempts = attempts + 1, "
                + "failure = $2 WHERE id = $1").execute(Tuple.of(id, reason)).replaceWithVoid();
    }

    /** Gives up on every unsent message of the chat (the user blocked the bot); yields how many. */
    public Uni<Integer> dropChat(long chatId, String reason) {
        return pool.preparedQuery("UPDATE telegram_outbox SET failed_at = now(), claimed_until = NULL, failure = $2 "
                + "WHERE chat_id = $1 AND sent_at IS NULL AND failed_at IS NULL").execute(Tuple.of(chatId, reason))
                .map(rows -> rows.rowCount());
    }

    /** Messages not yet sent (for the gauge). */
    public Uni<Long> waiting() {
        return pool.query("SELECT count(*) FROM telegram_outbox WHERE sent_at IS NULL AND failed_at IS NULL").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Forgets sent and failed rows after a week. */
    public Uni<Integer> prune() {
        return pool.query("DELETE FROM telegram_outbox WHERE coalesce(sent_at, failed_at) < now() - interval '7 days'").execute()
                .map(rows -> rows.rowCount());
    }

    private static Pending pending(Row row) {
        Object params = row.getValue("params");
        io.vertx.core.buffer.Buffer photo = row.getBuffer("photo") == null ? null : row.getBuffer("photo").getDelegate();
        return new Pending(row.getLong("id"), row.getLong("chat_id"), row.getString("method"),
                params instanceof JsonObject json ? json : new JsonObject(String.valueOf(params)),
                photo == null ? null : photo.getBytes(), row.getBoolean("limited"), row.getInteger("attempts"));
    }
}

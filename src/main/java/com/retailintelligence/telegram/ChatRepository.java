package com.retailintelligence.telegram;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** PostgreSQL access for linked chats and link codes (the per-store alert and subscription rows: {@link ChatStoreSettings}). */
@ApplicationScoped
public class ChatRepository {

    private final Pool pool;

    public ChatRepository(Pool pool) {
        this.pool = pool;
    }

    /** A linked chat: its user, the store it is on, and when Telegram said the user blocked the bot. */
    public record LinkedChat(long chatId, String username, String linkedBy, String currentStore, OffsetDateTime inactiveAt) {
    }

    public Uni<LinkedChat> find(SqlClient db, long chatId) {
        return db.preparedQuery("SELECT chat_id, username, linked_by, current_store, inactive_at FROM telegram_chats WHERE chat_id = $1")
                .execute(Tuple.of(chatId)).map(rows -> rows.rowCount() == 0 ? null : chat(rows.iterator().next()));
    }

    public Uni<List<LinkedChat>> listAll() {
        return pool.query("SELECT chat_id, username, linked_by, current_store, inactive_at FROM telegram_chats ORDER BY chat_id")
                .execute().map(rows -> {
                    List<LinkedChat> chats = new ArrayList<>();
                    rows.forEach(row -> chats.add(chat(row)));
                    return chats;
                });
    }

    /** Binds the chat to the user (replacing an earlier binding: the chat's store, alerts and subscriptions go). */
    public Uni<Void> link(SqlClient tx, long chatId, String username, String linkedBy) {
        return tx.preparedQuery("DELETE FROM telegram_chats WHERE chat_id = $1 AND username <> $2").execute(Tuple.of(chatId, username))
                .chain(() -> tx.preparedQuery("INSERT INTO telegram_chats (chat_id, username, linked_by) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (chat_id) DO UPDATE SET linked_by = excluded.linked_by, linked_at = now(), inactive_at = NULL")
                        .execute(Tuple.of(chatId, username, linkedBy)))
                .replaceWithVoid();
    }

    /** Yields the user the chat was linked to, or null when it was not. */
    public Uni<String> unlink(SqlClient tx, long chatId) {
        return tx.preparedQuery("DELETE FROM telegram_chats WHERE chat_id = $1 RETURNING username").execute(Tuple.of(chatId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString(0));
    }

    public Uni<Void> setCurrentStore(SqlClient tx, long chatId, String storeId) {
        return tx.preparedQuery("UPDATE telegram_chats SET current_store = $2 WHERE chat_id = $1").execute(Tuple.of(chatId, storeId))
                .replaceWithVoid();
    }

    /** Telegram answered 403: the user blocked the bot (or left the group). */
    public Uni<Void> markInactive(long chatId) {
        return pool.preparedQuery("UPDATE telegram_chats SET inactive_at = coalesce(inactive_at, now()) WHERE chat_id = $1")
                .execute(Tuple.of(chatId)).replaceWithVoid();
    }

    /** The chat wrote again: it is active. */
    public Uni<Void> markActive(SqlClient tx, long chatId) {
        return tx.preparedQuery("UPDATE telegram_chats SET inactive_at = NULL WHERE chat_id = $1 AND inactive_at IS NOT NULL")
                .execute(Tuple.of(chatId)).replaceWithVoid();
    }

    /** Stores a new link code for the user. */
    public Uni<Void> insertCode(String code, String username, OffsetDateTime expiresAt) {
        return pool.preparedQuery("INSERT INTO telegram_link_codes (code, username, expires_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(code, username, expiresAt)).replaceWithVoid();
    }

    /** Uses the code if it is fresh and unused; yields its user, or null. */
    public Uni<String> useCode(SqlClient tx, String code, long chatId) {
        return tx.preparedQuery("UPDATE telegram_link_codes SET used_at = now(), used_by = $2 "
                + "WHERE code = $1 AND used_at IS NULL AND expires_at > now() RETURNING username").execute(Tuple.of(code, chatId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Forgets codes that expired a day ago. */
    public Uni<Integer> pruneCodes() {
        return pool.query("DELETE FROM telegram_link_codes WHERE expires_at < now() - interval '1 day'").execute()
                .map(rows -> rows.rowCount());
    }

    private static LinkedChat chat(Row row) {
        return new LinkedChat(row.getLong("chat_id"), row.getString("username"), row.getString("linked_by"),
                row.getString("current_store"), row.getOffsetDateTime("inactive_at"));
    }

}

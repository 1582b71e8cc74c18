package com.retailintelligence.telegram;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A chat's per-store settings: which stores' alerts it receives and its daily report subscriptions. Both tables are
 * under row-level security: the caller's transaction carries the scope ({@link ScopedSql#applyScope}).
 */
@ApplicationScoped
public class ChatStoreSettings {

    /** A daily report due now: the chat, the store, and the store-local day it is due for. */
    public record DueSubscription(long chatId, String storeId, String username, LocalDate localDay) {
    }

    public Uni<Void> alerts(SqlClient tx, long chatId, String storeId, boolean on) {
        String sql = on ? "INSERT INTO telegram_alert_chats (chat_id, store_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                : "DELETE FROM telegram_alert_chats WHERE chat_id = $1 AND store_id = $2";
        return tx.preparedQuery(sql).execute(Tuple.of(chatId, storeId)).replaceWithVoid();
    }

    /**
     * Subscribes the chat to the store's daily report at the store-local time. When that time has passed today, the first
     * report comes tomorrow.
     */
    public Uni<Void> subscribe(SqlClient tx, long chatId, String storeId, LocalTime at, LocalDate localToday, LocalTime localNow) {
        LocalDate lastSent = at.isAfter(localNow) ? null : localToday;
        return tx.preparedQuery("INSERT INTO telegram_subscriptions (chat_id, store_id, local_time, last_sent_on) VALUES ($1, $2, $3, $4) "
                + "ON CONFLICT (chat_id, store_id) DO UPDATE SET local_time = excluded.local_time, last_sent_on = excluded.last_sent_on")
                .execute(Tuple.of(chatId, storeId, at, lastSent)).replaceWithVoid();
    }

    /** Removes the chat's subscriptions (all of them, or the store's); yields how many there were. */
    public Uni<Integer> unsubscribe(SqlClient tx, long chatId, String storeId) {
        return (storeId == null
                ? tx.preparedQuery("DELETE FROM telegram_subscriptions WHERE chat_id = $1").execute(Tuple.of(chatId))
                : tx.preparedQuery("DELETE FROM telegram_subscriptions WHERE chat_id = $1 AND store_id = $2").execute(Tuple.of(chatId, storeId)))
                .map(rows -> rows.rowCount());
    }

    /** The stores whose alerts reach the chat. */
    public Uni<List<String>> alertStores(SqlClient tx, long chatId) {
        return tx.preparedQuery("SELECT store_id FROM telegram_alert_chats WHERE chat_id = $1 ORDER BY store_id")
                .execute(Tuple.of(chatId)).map(rows -> {
                    List<String> list = new ArrayList<>();
                    rows.forEach(row -> list.add(row.getString(0)));
                    return list;
                });
    }

    /**
     * Active chats that switched the store's alerts on and whose linked user may still see the store: enabled, with a
     * role that sees figures, and the store among theirs (or admin). A user moved off the store stops getting its alerts
     * at once, whatever the chat once chose.
     */
    public Uni<List<Long>> chatsForAlerts(SqlClient tx, String storeId) {
        return tx.preparedQuery("SELECT a.chat_id FROM telegram_alert_chats a JOIN telegram_chats c ON c.chat_id = a.chat_id "
                + "JOIN users u ON u.username = c.username WHERE a.store_id = $1 AND c.inactive_at IS NULL AND u.disabled_at IS NULL "
                + "AND ('admin' = ANY (u.roles) OR (u.roles && ARRAY['manager', 'viewer'] AND $1 = ANY (u.stores))) "
                + "ORDER BY a.chat_id").execute(Tuple.of(storeId)).map(rows -> {
                    List<Long> list = new ArrayList<>();
                    rows.forEach(row -> list.add(row.getLong(0)));
                    return list;
                });
    }

    /** Subscriptions whose store-local time has come today and that have not been sent for today (system scope). */
    public Uni<List<DueSubscription>> due(SqlClient tx) {
        return tx.query("SELECT s.chat_id, s.store_id, c.username, (now() AT TIME ZONE st.timezone)::date AS local_day "
                + "FROM telegram_subscriptions s JOIN stores st ON st.id = s.store_id JOIN telegram_chats c ON c.chat_id = s.chat_id "
                + "WHERE c.inactive_at IS NULL AND (now() AT TIME ZONE st.timezone)::time >= s.local_time "
                + "AND (s.last_sent_on IS NULL OR s.last_sent_on < (now() AT TIME ZONE st.timezone)::date) LIMIT 100")
                .execute().map(rows -> {
                    List<DueSubscription> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new DueSubscription(row.getLong(0), row.getString(1), row.getString(2), row.getLocalDate(3))));
                    return list;
                });
    }

    /** Marks the subscription sent for the day; yields false when another replica (or an earlier pass) already did. */
    public Uni<Boolean> claim(SqlClient tx, DueSubscription due) {
        return tx.preparedQuery("UPDATE telegram_subscriptions SET last_sent_on = $3 WHERE chat_id = $1 AND store_id = $2 "
                + "AND (last_sent_on IS NULL OR last_sent_on < $3)").execute(Tuple.of(due.chatId(), due.storeId(), due.localDay()))
                .map(rows -> rows.rowCount() == 1);
    }
}

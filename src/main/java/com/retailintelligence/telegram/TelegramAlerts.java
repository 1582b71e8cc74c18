package com.retailintelligence.telegram;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.alert.AlertChannel;
import com.retailintelligence.alert.AlertNotice;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Alerts to Telegram: each alert event is queued in the outbox (in the alert's own transaction) for every active chat that
 * switched alerts on for its store and whose linked user still sees that store; a fired alert carries an "Acknowledge"
 * button. The outbox sends them through the shared rate limits.
 */
@ApplicationScoped
public class TelegramAlerts implements AlertChannel {

    static final String ACK_BUTTON = "ack:";

    private final ChatStoreSettings storeSettings;
    private final Outbox outbox;
    private final TelegramConfig config;

    public TelegramAlerts(ChatStoreSettings storeSettings, Outbox outbox, TelegramConfig config) {
        this.storeSettings = storeSettings;
        this.outbox = outbox;
        this.config = config;
    }

    @Override
    public Uni<Void> enqueue(SqlConnection tx, AlertNotice notice) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem(); // the bot is off
        }
        return storeSettings.chatsForAlerts(tx, notice.storeId()).chain(chats -> {
            if (chats.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<Outgoing> messages = new ArrayList<>();
            for (long chatId : chats) {
                messages.addAll(Outgoing.html(chatId, text(notice), notice.resolved() ? null : keyboard(notice.alertId())));
            }
            return outbox.enqueue(tx, messages);
        });
    }

    static String text(AlertNotice notice) {
        String mark = notice.resolved() ? "✅ Resolved" : switch (notice.severity()) {
            case "critical" -> "🚨 Critical";
            case "warning" -> "⚠️ Warning";
            default -> "ℹ️ Info";
        };
        return "<b>" + mark + "</b> · " + Html.escape(notice.storeName()) + "\n" + Html.escape(notice.message());
    }

    static JsonArray keyboard(long alertId) {
        return new JsonArray().add(new JsonArray().add(new JsonObject().put("text", "Acknowledge")
                .put("callback_data", ACK_BUTTON + alertId)));
    }
}

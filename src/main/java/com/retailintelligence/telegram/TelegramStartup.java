package com.retailintelligence.telegram;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * At start, with a token: refuses a missing or malformed webhook secret, and when TELEGRAM_WEBHOOK_URL is set registers
 * the webhook (secret, the update types handled) and the command menu. Telegram being away is a warning, not a failure.
 */
@Singleton
public class TelegramStartup {

    static final String SECRET_PATTERN = "[A-Za-z0-9_-]{1,256}";

    void onStart(@Observes StartupEvent event, TelegramConfig config, BotApiClient api, BotIdentity bot) {
        if (!config.enabled()) {
            Log.info("Telegram bot off (no TELEGRAM_TOKEN)");
            return;
        }
        String secret = config.webhookSecret().orElse("");
        if (!secret.matches(SECRET_PATTERN)) {
            throw new IllegalStateException("TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Za-z0-9_- when TELEGRAM_TOKEN is set");
        }
        config.webhookUrl().filter(url -> !url.isBlank()).ifPresent(url -> {
            JsonObject webhook = new JsonObject().put("url", url).put("secret_token", secret)
                    .put("allowed_updates", new JsonArray(IncomingUpdate.ALLOWED_UPDATES));
            api.call("setWebhook", webhook).subscribe().with(result -> log("setWebhook", result));
            api.call("setMyCommands", new JsonObject().put("commands", commands())).subscribe().with(result -> log("setMyCommands", result));
        });
        bot.username().subscribe().with(name -> Log.infof("Telegram bot on as @%s", name));
    }

    private static void log(String method, BotApiResult result) {
        if (result.ok()) {
            Log.infof("Telegram %s done", method);
        } else {
            Log.warnf("Telegram %s failed: %s %s", method, result.status(), result.description());
        }
    }

    static JsonArray commands() {
        JsonArray commands = new JsonArray();
        String[][] list = { { "today", "Today so far, vs last week, forecast" }, { "traffic", "Visitors and occupancy" },
                { "sales", "Revenue and transactions" }, { "report", "The day's chart" }, { "stores", "Pick a store" },
                { "alerts", "Alerts on or off" }, { "subscribe", "A daily report" }, { "unsubscribe", "Stop daily reports" },
                { "link", "Link this chat" }, { "unlink", "Unlink this chat" }, { "help", "What I can do" } };
        for (String[] command : list) {
            commands.add(new JsonObject().put("command", command[0]).put("description", command[1]));
        }
        return commands;
    }
}

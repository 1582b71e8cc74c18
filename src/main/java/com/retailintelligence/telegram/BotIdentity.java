package com.retailintelligence.telegram;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** The bot's own username (from getMe, read once and kept): for group commands ({@code /today@Bot}) and deep links. */
@ApplicationScoped
public class BotIdentity {

    private final BotApiClient api;
    private final TelegramConfig config;
    private volatile String username;

    public BotIdentity(BotApiClient api, TelegramConfig config) {
        this.api = api;
        this.config = config;
    }

    /** The username, or null while Telegram cannot be asked (asked again next time). */
    public Uni<String> username() {
        if (username != null || !config.enabled()) {
            return Uni.createFrom().item(username);
        }
        return api.call("getMe", new JsonObject()).ifNoItem().after(Duration.ofSeconds(5)).recoverWithItem(BotApiResult.networkError("timeout"))
                .map(result -> {
                    JsonObject me = result.resultObject();
                    if (me != null && me.getString("username") != null) {
                        username = me.getString("username");
                    } else {
                        Log.warnf("Cannot read the bot's username (getMe: %s %s)", result.status(), result.description());
                    }
                    return username;
                });
    }
}

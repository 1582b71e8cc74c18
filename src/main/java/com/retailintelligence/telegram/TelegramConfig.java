package com.retailintelligence.telegram;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Telegram bot's settings, from the environment as in the original deployment (TELEGRAM_TOKEN,
 * TELEGRAM_WEBHOOK_SECRET, TELEGRAM_WEBHOOK_URL, TELEGRAM_API_URL). Without a token the bot is off.
 */
@ConfigMapping(prefix = "telegram")
public interface TelegramConfig {

    /** The bot token (TELEGRAM_TOKEN); absent: the bot is off and its endpoints answer 404. */
    Optional<String> token();

    /** The webhook's secret (TELEGRAM_WEBHOOK_SECRET): 1–256 of A-Za-z0-9_-; required with a token. */
    Optional<String> webhookSecret();

    /** The public URL of POST /api/v1/telegram/webhook (TELEGRAM_WEBHOOK_URL): when set, setWebhook is called at start. */
    Optional<String> webhookUrl();

    /** The Bot API server (TELEGRAM_API_URL): Telegram's, a self-hosted Bot API server, or the tests' fake. */
    @WithDefault("https://api.telegram.org")
    String apiUrl();

    Limits limits();

    /** Telegram's sending limits, kept across replicas (docs/telegram.md, "Sending"). */
    interface Limits {
        /** The least time between two messages to one chat. */
        @WithDefault("1s")
        Duration perChat();

        /** Messages per minute to one group. */
        @WithDefault("20")
        int perGroupPerMinute();

        /** Messages per second over all chats. */
        @WithDefault("30")
        int perSecond();
    }

    /** How long a Bot API call may take before it counts as a network error (and is retried). */
    @WithDefault("30s")
    Duration callTimeout();

    /** How often each replica looks for updates and messages left over (by a replica that died, or deferred). */
    @WithDefault("2s")
    Duration sweepInterval();

    /** How often each replica looks for daily reports due. */
    @WithDefault("15s")
    Duration subscriptionsInterval();

    default boolean enabled() {
        return token().filter(t -> !t.isBlank()).isPresent();
    }
}

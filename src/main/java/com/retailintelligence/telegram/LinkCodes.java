package com.retailintelligence.telegram;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Single-use codes that link a chat to the user who created them: 10 characters from an alphabet without look-alikes
 * (about 50 bits), valid 10 minutes; also usable as a {@code t.me/<bot>?start=<code>} deep link.
 */
@ApplicationScoped
public class LinkCodes {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChatRepository chats;
    private final BotIdentity bot;

    public LinkCodes(ChatRepository chats, BotIdentity bot) {
        this.chats = chats;
        this.bot = bot;
    }

    /** A created code with when it expires and its deep link (null when the bot's username could not be read). */
    public record LinkCode(String code, OffsetDateTime expiresAt, String deepLink) {
    }

    public Uni<LinkCode> create(String username) {
        String code = generate();
        OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(VALIDITY).withNano(0);
        return chats.insertCode(code, username, expiresAt).chain(() -> bot.username())
                .map(botName -> new LinkCode(code, expiresAt, botName == null ? null : "https://t.me/" + botName + "?start=" + code));
    }

    static String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** A code as typed: any case, spaces and dashes ignored. */
    static String normalise(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}

package com.retailintelligence.telegram;

import io.vertx.core.json.JsonObject;

/**
 * The parts of a Telegram update the bot acts on, read leniently from the real payload (every field may be
 * missing). {@code chatId} 0: an update that belongs to no chat.
 */
public record IncomingUpdate(long updateId, Kind kind, long chatId, boolean privateChat, Long fromId, String languageCode,
        String text, String callbackId, String callbackData, boolean callbackHasMessage) {

    /** What the update is, as far as the bot is concerned. */
    public enum Kind {
        /** A message with text (commands and anything else typed). */
        TEXT,
        /** A message without text: a sticker, a photo, a location … */
        OTHER_MESSAGE,
        /** An edited message: ignored (its command was answered when it was first sent). */
        EDITED,
        /** A button of an inline keyboard was pressed. */
        CALLBACK,
        /** Anything else (chat member changes, polls, …): stored, acknowledged, ignored. */
        UNKNOWN
    }

    /** The update types the bot asks Telegram for (setWebhook's allowed_updates). */
    public static final java.util.List<String> ALLOWED_UPDATES = java.util.List.of("message", "edited_message", "callback_query");

    public static IncomingUpdate of(JsonObject update) {
        long updateId = update.getLong("update_id");
        JsonObject message = update.getJsonObject("message");
        if (message != null) {
            String text = message.getString("text");
            return new IncomingUpdate(updateId, text == null ? Kind.OTHER_MESSAGE : Kind.TEXT, chatId(message), isPrivate(message),
                    fromId(message.getJsonObject("from")), language(message.getJsonObject("from")), text, null, null, false);
        }
        JsonObject edited = update.getJsonObject("edited_message");
        if (edited != null) {
            return new IncomingUpdate(updateId, Kind.EDITED, chatId(edited), isPrivate(edited), fromId(edited.getJsonObject("from")),
                    null, edited.getString("text"), null, null, false);
        }
        JsonObject callback = update.getJsonObject("callback_query");
        if (callback != null) {
            JsonObject from = callback.getJsonObject("from");
            JsonObject origin = callback.getJsonObject("message");
            Long fromId = fromId(from);
            long chatId = origin != null ? chatId(origin) : fromId == null ? 0 : fromId;
            return new IncomingUpdate(updateId, Kind.CALLBACK, chatId, origin == null || isPrivate(origin), fromId, language(from),
                    null, callback.getString("id"), callback.getString("data"), origin != null);
        }
        return new IncomingUpdate(updateId, Kind.UNKNOWN, 0, false, null, null, null, null, null, false);
    }

    /** The chat an update belongs to without reading it whole (for ordering per chat); 0 for none. */
    public static long chatOf(JsonObject update) {
        return of(update).chatId();
    }

    private static long chatId(JsonObject message) {
        JsonObject chat = message.getJsonObject("chat");
        Long id = chat == null ? null : chat.getLong("id");
        return id == null ? 0 : id;
    }

    private static boolean isPrivate(JsonObject message) {
        JsonObject chat = message.getJsonObject("chat");
        return chat != null && "private".equals(chat.getString("type"));
    }

    private static Long fromId(JsonObject from) {
        return from == null ? null : from.getLong("id");
    }

    private static String language(JsonObject from) {
        return from == null ? null : from.getString("language_code");
    }
}

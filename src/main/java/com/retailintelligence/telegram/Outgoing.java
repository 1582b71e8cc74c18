package com.retailintelligence.telegram;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One Bot API call the bot wants made, as it waits in the outbox: its chat, method, parameters, the PNG of a
 * photo, and whether it counts against the message limits.
 */
public record Outgoing(long chatId, String method, JsonObject params, byte[] photo, boolean limited) {

    /** Telegram's longest message text. */
    static final int MAX_TEXT = 4096;
    /** Telegram's longest photo caption. */
    static final int MAX_CAPTION = 1024;

    /** An HTML message (dynamic parts escaped by the caller with {@link Html#escape}); split when over 4,096 characters. */
    public static List<Outgoing> html(long chatId, String html) {
        return html(chatId, html, null);
    }

    /** As {@link #html(long, String)}, with an inline keyboard on the last part. */
    public static List<Outgoing> html(long chatId, String html, JsonArray keyboard) {
        List<String> parts = Html.split(html, MAX_TEXT);
        List<Outgoing> messages = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            JsonObject params = new JsonObject().put("chat_id", chatId).put("text", parts.get(i)).put("parse_mode", "HTML")
                    .put("link_preview_options", new JsonObject().put("is_disabled", true));
            if (keyboard != null && i == parts.size() - 1) {
                params.put("reply_markup", new JsonObject().put("inline_keyboard", keyboard));
            }
            messages.add(new Outgoing(chatId, "sendMessage", params, null, true));
        }
        return messages;
    }

    /** A PNG photo with an HTML caption (cut to 1,024 characters). */
    public static Outgoing photo(long chatId, byte[] png, String captionHtml) {
        String caption = Html.split(captionHtml, MAX_CAPTION).get(0);
        return new Outgoing(chatId, "sendPhoto", new JsonObject().put("chat_id", chatId).put("caption", caption).put("parse_mode", "HTML"),
                png, true);
    }

    /** The answer to a pressed button (a short notice, or nothing); not a message, so not limited. */
    public static Outgoing callbackAnswer(long chatId, String callbackId, String notice) {
        JsonObject params = new JsonObject().put("callback_query_id", callbackId);
        if (notice != null) {
            params.put("text", notice.length() > 200 ? notice.substring(0, 199) + "…" : notice);
        }
        return new Outgoing(chatId, "answerCallbackQuery", params, null, false);
    }
}

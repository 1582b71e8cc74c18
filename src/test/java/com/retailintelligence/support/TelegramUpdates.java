package com.retailintelligence.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Telegram {@code Update} JSON as Telegram posts it to a webhook (Bot API field names), for webhook tests. */
public final class TelegramUpdates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final long BOT_ID = 123456L;
    private static final String BOT_USERNAME = "RetailTestBot";

    private TelegramUpdates() {
    }

    /** A text message in a private chat; a leading "/command" gets its bot_command entity. */
    public static String privateMessage(long updateId, long chatId, String text) {
        return update(updateId, "message", textMessage(updateId, user(chatId), privateChat(chatId), text, true));
    }

    /** The same without {@code entities}, like the official sample updates. */
    public static String privateMessageWithoutEntities(long updateId, long chatId, String text) {
        return update(updateId, "message", textMessage(updateId, user(chatId), privateChat(chatId), text, false));
    }

    /** A text message in a supergroup (chatId negative, e.g. -1001234567890123) from user {@code fromId}. */
    public static String groupMessage(long updateId, long chatId, long fromId, String text) {
        ObjectNode chat = JSON.createObjectNode()
                .put("id", chatId)
                .put("title", "Store managers")
                .put("type", "supergroup");
        return update(updateId, "message", textMessage(updateId, user(fromId), chat, text, true));
    }

    /** An {@code edited_message}: the text after the edit, with {@code edit_date} a minute after {@code date}. */
    public static String editedMessage(long updateId, long chatId, String text) {
        ObjectNode message = textMessage(updateId, user(chatId), privateChat(chatId), text, true);
        long now = now();
        message.put("date", now - 60);
        message.put("edit_date", now);
        return update(updateId, "edited_message", message);
    }

    /** A private message carrying only a sticker. */
    public static String sticker(long updateId, long chatId) {
        ObjectNode message = messageHead(updateId, user(chatId), privateChat(chatId));
        ObjectNode sticker = message.putObject("sticker")
                .put("width", 512)
                .put("height", 512)
                .put("emoji", "\uD83D\uDC4D")
                .put("set_name", "RetailStickers")
                .put("is_animated", false)
                .put("is_video", false)
                .put("type", "regular");
        sticker.putObject("thumbnail")
                .put("file_id", "AAMCAgADGQEAAQ" + updateId)
                .put("file_unique_id", "AQADthumb" + updateId)
                .put("file_size", 5416)
                .put("width", 128)
                .put("height", 128);
        sticker.put("file_id", "CAACAgIAAxkBAAE" + updateId)
                .put("file_unique_id", "AgADsticker" + updateId)
                .put("file_size", 23846);
        return update(updateId, "message", message);
    }

    /** A private message carrying only a photo (the usual three sizes), no caption. */
    public static String photo(long updateId, long chatId) {
        ObjectNode message = messageHead(updateId, user(chatId), privateChat(chatId));
        ArrayNode sizes = message.putArray("photo");
        int[][] dimensions = {{90, 60, 1312}, {320, 213, 15489}, {1280, 853, 112734}};
        for (int i = 0; i < dimensions.length; i++) {
            sizes.addObject()
                    .put("file_id", "AgACAgQAAxkBAAI" + updateId + "_" + i)
                    .put("file_unique_id", "AQADphoto" + updateId + (char) ('a' + i))
                    .put("file_size", dimensions[i][2])
                    .put("width", dimensions[i][0])
                    .put("height", dimensions[i][1]);
        }
        return update(updateId, "message", message);
    }

    /** A button press under the bot's earlier message in a private chat. */
    public static String callbackQuery(long updateId, long chatId, String data) {
        ObjectNode earlier = JSON.createObjectNode();
        earlier.put("message_id", Math.max(1, updateId % 100000 - 1));
        earlier.set("from", botUser());
        earlier.set("chat", privateChat(chatId));
        earlier.put("date", now() - 30);
        earlier.put("text", "Choose a store:");
        earlier.putObject("reply_markup").putArray("inline_keyboard").addArray().addObject()
                .put("text", "Choose")
                .put("callback_data", data);
        ObjectNode query = callbackHead(updateId, chatId);
        query.set("message", earlier);
        query.put("chat_instance", chatInstance(chatId));
        query.put("data", data);
        return update(updateId, "callback_query", query);
    }

    /** A button press under an inline-mode message: {@code inline_message_id} instead of {@code message}. */
    public static String callbackQueryWithoutMessage(long updateId, long fromId, String data) {
        ObjectNode query = callbackHead(updateId, fromId);
        query.put("inline_message_id", "BAAAAIxGAACnSV8ZIN" + updateId);
        query.put("chat_instance", chatInstance(fromId));
        query.put("data", data);
        return update(updateId, "callback_query", query);
    }

    /** A {@code my_chat_member} update (a user blocked the bot): a type a message bot may not handle. */
    public static String unknownType(long updateId) {
        long userId = 777000111L;
        ObjectNode member = JSON.createObjectNode();
        member.set("chat", privateChat(userId));
        member.set("from", user(userId));
        member.put("date", now());
        ObjectNode before = member.putObject("old_chat_member");
        before.set("user", botUser());
        before.put("status", "member");
        ObjectNode after = member.putObject("new_chat_member");
        after.set("user", botUser());
        after.put("status", "kicked");
        after.put("until_date", 0);
        return update(updateId, "my_chat_member", member);
    }

    // ---- pieces ---------------------------------------------------------------------------------------------

    private static String update(long updateId, String kind, ObjectNode payload) {
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", updateId);
        update.set(kind, payload);
        try {
            return JSON.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode messageHead(long updateId, ObjectNode from, ObjectNode chat) {
        ObjectNode message = JSON.createObjectNode();
        message.put("message_id", updateId % 100000);
        message.set("from", from);
        message.set("chat", chat);
        message.put("date", now());
        return message;
    }

    private static ObjectNode textMessage(long updateId, ObjectNode from, ObjectNode chat, String text,
                                          boolean entities) {
        ObjectNode message = messageHead(updateId, from, chat);
        message.put("text", text);
        if (entities && text.startsWith("/")) {
            // the command word, "@Bot" suffix included; lengths count UTF-16 code units as Telegram's do
            int end = 0;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            message.putArray("entities").addObject()
                    .put("offset", 0)
                    .put("length", end)
                    .put("type", "bot_command");
        }
        return message;
    }

    private static ObjectNode callbackHead(long updateId, long fromId) {
        ObjectNode query = JSON.createObjectNode();
        // Telegram's query ids are opaque strings of a large number
        query.put("id", Long.toUnsignedString(updateId * 6364136223846793005L + 1442695040888963407L));
        query.set("from", user(fromId));
        return query;
    }

    private static String chatInstance(long chatId) {
        return Long.toString(chatId * 0x9E3779B97F4A7C15L);
    }

    private static ObjectNode user(long id) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("is_bot", false)
                .put("first_name", "Ana")
                .put("username", "ana")
                .put("language_code", "pt");
    }

    private static ObjectNode privateChat(long chatId) {
        return JSON.createObjectNode()
                .put("id", chatId)
                .put("first_name", "Ana")
                .put("username", "ana")
                .put("type", "private");
    }

    private static ObjectNode botUser() {
        return JSON.createObjectNode()
                .put("id", BOT_ID)
                .put("is_bot", true)
                .put("first_name", "Retail Test")
                .put("username", BOT_USERNAME);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}

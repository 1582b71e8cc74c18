package com.retailintelligence.telegram;

import io.vertx.core.json.JsonObject;

/**
 * What a Bot API call came to: {@code ok} with its {@code result}, or refused with Telegram's status and
 * description ({@code retryAfterSeconds} set on 429); status 0 is a network error or a timeout.
 */
public record BotApiResult(boolean ok, int status, Object result, String description, Integer retryAfterSeconds) {

    static BotApiResult networkError(String description) {
        return new BotApiResult(false, 0, null, description, null);
    }

    static BotApiResult of(int status, JsonObject body) {
        if (body == null) {
            return new BotApiResult(false, status, null, "HTTP " + status + " without a Bot API answer", null);
        }
        if (status == 200 && body.getBoolean("ok", false)) {
            return new BotApiResult(true, status, body.getValue("result"), null, null);
        }
        JsonObject parameters = body.getJsonObject("parameters");
        Integer retryAfter = parameters == null ? null : parameters.getInteger("retry_after");
        int code = body.getInteger("error_code", status);
        return new BotApiResult(false, code == 0 ? status : code, null, body.getString("description", "HTTP " + status), retryAfter);
    }

    /** Worth trying again later: network errors, timeouts, 429 and 5xx. 400, 401, 403, 404 are not. */
    public boolean retryable() {
        return !ok && (status == 0 || status == 429 || status >= 500);
    }

    public JsonObject resultObject() {
        return result instanceof JsonObject object ? object : null;
    }
}

package com.retailintelligence.telegram;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.multipart.MultipartForm;

/**
 * Calls the Telegram Bot API ({@code <api-url>/bot<token>/<method>}) with the Vert.x Mutiny web client: JSON
 * bodies, multipart for photos. Never fails: every outcome, network errors included, is a {@link BotApiResult}.
 * The token is never logged.
 */
@ApplicationScoped
public class BotApiClient {

    private final TelegramConfig config;
    private final WebClient client;
    private final String base;

    public BotApiClient(TelegramConfig config, Vertx vertx) {
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("retail-intelligence")
                .setKeepAlive(true).setMaxPoolSize(16).setConnectTimeout(10_000));
        this.base = config.apiUrl().replaceAll("/+$", "") + "/bot" + config.token().orElse("") + "/";
    }

    public Uni<BotApiResult> call(String method, JsonObject params) {
        return answer(client.postAbs(base + method).timeout(config.callTimeout().toMillis()).sendJsonObject(params));
    }

    /** sendPhoto with the PNG as a multipart upload and the other parameters as form fields. */
    public Uni<BotApiResult> sendPhoto(JsonObject params, byte[] png) {
        MultipartForm form = MultipartForm.create();
        // Form fields are text: nested objects (reply_markup) as JSON, the rest as their plain value.
        params.forEach(entry -> form.attribute(entry.getKey(), entry.getValue() instanceof String text ? text : Json.encode(entry.getValue())));
        form.binaryFileUpload("photo", "report.png", Buffer.buffer(png), "image/png");
        return answer(client.postAbs(base + "sendPhoto").timeout(config.callTimeout().toMillis()).sendMultipartForm(form));
    }

    private static Uni<BotApiResult> answer(Uni<HttpResponse<Buffer>> response) {
        return response.map(BotApiClient::parse)
                .onFailure().recoverWithItem(failure -> BotApiResult.networkError(
                        failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }

    private static BotApiResult parse(HttpResponse<Buffer> response) {
        JsonObject body;
        try {
            body = response.body() == null ? null : response.bodyAsJsonObject();
        } catch (RuntimeException notJson) {
            body = null;
        }
        return BotApiResult.of(response.statusCode(), body);
    }
}

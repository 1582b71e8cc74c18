package com.retailintelligence.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.retailintelligence.problem.Problems;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Telegram's webhook: checks the secret, stores the update (once per update_id) and answers 200 at once; the
 * update is processed afterwards ({@link UpdateProcessor}). With no bot configured it answers 404.
 */
@Path("/api/v1/telegram/webhook")
@Tag(name = "telegram")
@PermitAll
public class WebhookResource {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final TelegramConfig config;
    private final UpdateStore updates;
    private final UpdateProcessor processor;
    private final byte[] secret;

    public WebhookResource(TelegramConfig config, UpdateStore updates, UpdateProcessor processor) {
        this.config = config;
        this.updates = updates;
        this.processor = processor;
        this.secret = config.webhookSecret().orElse("").getBytes(StandardCharsets.UTF_8);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Telegram update", description = "Called by Telegram with the webhook's secret in "
            + SECRET_HEADER + "; 200 once the update is stored.")
    public Uni<Response> receive(@HeaderParam(SECRET_HEADER) String token, String body) {
        if (!config.enabled()) {
            return Uni.createFrom().item(Problems.notFound("The Telegram bot is not configured on this service."));
        }
        if (token == null || secret.length == 0 || !MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom().item(Problems.response(Response.Status.UNAUTHORIZED, "Missing or wrong " + SECRET_HEADER + "."));
        }
        JsonObject update;
        try {
            update = body == null || body.isBlank() ? null : new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            update = null;
        }
        if (update == null || !(update.getValue("update_id") instanceof Number)) {
            return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, "The body must be a Telegram Update: a JSON object with a numeric update_id."));
        }
        long updateId = update.getLong("update_id");
        long chatId = IncomingUpdate.chatOf(update);
        JsonObject stored = update;
        return updates.store(updateId, chatId, stored).map(isNew -> {
            if (isNew) {
                processor.trigger(chatId);
            }
            return Response.ok(new JsonObject().put("ok", true).encode()).build();
        });
    }
}

package com.retailintelligence.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.access.Roles;
import com.retailintelligence.audit.Caller;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.Problems;

import io.smallrye.mutiny.Uni;

/**
 * REST API of the bot's accounts: link codes for the signed-in user, and chats an administrator registers for a user
 * (existing bot users, and the legacy import), listed and removed. With no bot configured: 404.
 */
@Path("/api/v1/telegram")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "telegram")
@SecurityRequirement(name = "jwt")
public class TelegramResource {

    private final TelegramConfig config;
    private final LinkCodes codes;
    private final ChatAccounts accounts;
    private final Caller caller;

    public TelegramResource(TelegramConfig config, LinkCodes codes, ChatAccounts accounts, Caller caller) {
        this.config = config;
        this.codes = codes;
        this.accounts = accounts;
        this.caller = caller;
    }

    @POST
    @Path("link-codes")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "Create a link code for the signed-in user", description = "201 {code, expiresAt, deepLink}: send "
            + "'/link CODE' to the bot, or open deepLink. Single use, 10 minutes.")
    public Uni<Response> createLinkCode() {
        if (!config.enabled()) {
            return Uni.createFrom().item(botOff());
        }
        if (!(caller.identity().getPrincipal() instanceof JsonWebToken)) {
            return Uni.createFrom().item(Problems.response(Response.Status.FORBIDDEN, "Link codes are for signed-in users, not API keys."));
        }
        return codes.create(caller.identity().getPrincipal().getName())
                .map(code -> Response.status(Response.Status.CREATED).header("Cache-Control", "no-store").entity(code).build());
    }

    @POST
    @Path("chats")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register an existing chat id for a user", description = "The chat then works without /link "
            + "(body {chatId, username}); 201, or 200 when it was registered for that user already.")
    public Uni<Response> registerChat(JsonNode body) {
        if (!config.enabled()) {
            return Uni.createFrom().item(botOff());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode chatId = body == null ? null : body.get("chatId");
        JsonNode username = body == null ? null : body.get("username");
        if (body == null || !body.isObject()) {
            errors.add(new Problem.FieldError("", "must be a JSON object {chatId, username}"));
        } else {
            if (chatId == null || !chatId.canConvertToLong() || !chatId.isIntegralNumber() || chatId.asLong() == 0) {
                errors.add(new Problem.FieldError("chatId", "must be a Telegram chat id: a non-zero whole number"));
            }
            if (username == null || !username.isTextual() || username.asText().isBlank()) {
                errors.add(new Problem.FieldError("username", "must be the username of an existing user"));
            }
            body.fieldNames().forEachRemaining(name -> {
                if (!name.equals("chatId") && !name.equals("username")) {
                    errors.add(new Problem.FieldError(name, "is not a field of a chat registration"));
                }
            });
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, "The chat registration is not valid.", errors));
        }
        return accounts.register(chatId.asLong(), username.asText(), caller.changed("telegram.chat.register", "chat " + chatId.asLong(),
                "for " + username.asText())).map(outcome -> switch (outcome) {
                    case UNKNOWN_USER -> Problems.response(Response.Status.BAD_REQUEST, "The chat registration is not valid.",
                            List.of(new Problem.FieldError("username", "no user '" + username.asText() + "'")));
                    case CREATED -> Response.status(Response.Status.CREATED).entity(Map.of("chatId", chatId.asLong(), "username", username.asText())).build();
                    case UNCHANGED -> Response.ok(Map.of("chatId", chatId.asLong(), "username", username.asText())).build();
                });
    }

    @GET
    @Path("chats")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List the linked chats")
    public Uni<Response> chats() {
        if (!config.enabled()) {
            return Uni.createFrom().item(botOff());
        }
        return accounts.list().map(list -> Response.ok(list).build());
    }

    @DELETE
    @Path("chats/{chatId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Unlink a chat")
    public Uni<Response> removeChat(@PathParam("chatId") String chatId) {
        if (!config.enabled()) {
            return Uni.createFrom().item(botOff());
        }
        long id;
        try {
            id = Long.parseLong(chatId);
        } catch (NumberFormatException e) {
            return Uni.createFrom().item(Problems.notFound("No linked chat '" + chatId + "'."));
        }
        return accounts.unlink(id, caller.changed("telegram.unlink", "chat " + id, "by an administrator"))
                .map(removed -> removed ? Response.noContent().build() : Problems.notFound("No linked chat '" + chatId + "'."));
    }

    private static Response botOff() {
        return Problems.notFound("The Telegram bot is not configured on this service (TELEGRAM_TOKEN).");
    }
}

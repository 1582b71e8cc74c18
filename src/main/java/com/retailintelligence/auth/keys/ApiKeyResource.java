package com.retailintelligence.auth.keys;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.retailintelligence.access.Roles;
import com.retailintelligence.auth.GrantOutcome;
import com.retailintelligence.audit.RequestIds;
import com.retailintelligence.problem.Problems;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** REST API for API keys: create (the key is shown once), list, revoke. */
@Path("/api/v1/auth/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Roles.ADMIN, Roles.MANAGER })
public class ApiKeyResource {

    private final ApiKeyService service;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public ApiKeyResource(ApiKeyService service, SecurityIdentity identity, HttpServerRequest request) {
        this.service = service;
        this.identity = identity;
        this.request = request;
    }

    @POST
    @Operation(summary = "Create an API key", description = "201 with the key in field 'key' (shown this once) and its id. "
            + "Use it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.")
    public Uni<Response> create(@Valid @NotNull NewApiKey body) {
        return service.create(identity, body, RequestIds.of(request)).map(outcome -> GrantOutcome.toResponse(outcome,
                created -> Response.created(URI.create("/api/v1/auth/api-keys/" + created.id()))
                        .header("Cache-Control", "no-store").entity(created).build()));
    }

    @GET
    @Operation(summary = "List API keys (admins: all; managers: those they created)")
    public Uni<List<ApiKey>> list() {
        return service.list(identity);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an API key")
    public Uni<Response> revoke(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Problems.notFound("No API key with id '" + id + "'."));
        }
        return service.revoke(identity, uuid, RequestIds.of(request))
                .map(outcome -> GrantOutcome.toResponse(outcome, revoked -> Response.noContent().build()));
    }
}

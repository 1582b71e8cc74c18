package com.retailintelligence.auth.users;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** REST API for user management (admins only). */
@Path("/api/v1/auth/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
public class UserResource {

    private final UserService service;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public UserResource(UserService service, SecurityIdentity identity, HttpServerRequest request) {
        this.service = service;
        this.identity = identity;
        this.request = request;
    }

    @POST
    @Operation(summary = "Create a user", description = "{username, password (10+ characters), roles, stores}; 409 when taken.")
    public Uni<Response> create(@Valid @NotNull NewUser body) {
        return service.create(identity, body, RequestIds.of(request)).map(outcome -> GrantOutcome.toResponse(outcome,
                user -> Response.created(URI.create("/api/v1/auth/users/" + user.username())).entity(user).build()));
    }

    @GET
    @Operation(summary = "List users")
    public Uni<List<UserView>> list() {
        return service.list();
    }

    @GET
    @Path("{username}")
    @Operation(summary = "Read a user")
    public Uni<Response> get(@PathParam("username") String username) {
        return service.get(username).map(outcome -> GrantOutcome.toResponse(outcome, user -> Response.ok(user).build()));
    }

    @PATCH
    @Path("{username}")
    @Operation(summary = "Change a user's roles, stores or disabled mark", description = "Disabling revokes their refresh "
            + "tokens; access tokens already issued expire on their own.")
    public Uni<Response> change(@PathParam("username") String username, @Valid @NotNull UserChange body) {
        return service.change(identity, username, body, RequestIds.of(request))
                .map(outcome -> GrantOutcome.toResponse(outcome, user -> Response.ok(user).build()));
    }
}

package com.retailintelligence.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.retailintelligence.problem.Problems;

import io.smallrye.mutiny.Uni;

/** REST API for logging in with a username and password. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {

    private final AuthService service;

    public AuthResource(AuthService service) {
        this.service = service;
    }

    @POST
    @Path("login")
    @PermitAll
    @Operation(summary = "Exchange a username and password for a bearer token")
    public Uni<Response> login(@Valid @NotNull LoginRequest body) {
        return service.login(body).map(token -> token == null
                ? Problems.unauthorized("Invalid username or password.")
                : Response.ok(token).header("Cache-Control", "no-store").build());
    }
}

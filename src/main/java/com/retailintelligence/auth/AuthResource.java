package com.retailintelligence.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.retailintelligence.audit.AccessDenials;
import com.retailintelligence.audit.RequestIds;
import com.retailintelligence.problem.Problems;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** REST API for logging in and out, refreshing tokens and changing one's own password. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {

    private final AuthService service;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public AuthResource(AuthService service, SecurityIdentity identity, HttpServerRequest request) {
        this.service = service;
        this.identity = identity;
        this.request = request;
    }

    @POST
    @Path("login")
    @PermitAll
    @Operation(summary = "Exchange a username and password for an access token and a refresh token",
            description = "401 for a wrong username or password (without saying which); 429 with Retry-After after "
                    + "repeated failures for the username or from the client address.")
    public Uni<Response> login(@Valid @NotNull LoginRequest body) {
        return service.login(body, client()).map(result -> answer(result, "Invalid username or password."));
    }

    @POST
    @Path("refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token (each works once) for new tokens")
    public Uni<Response> refresh(@Valid @NotNull RefreshRequest body) {
        return service.refresh(body.refreshToken(), client())
                .map(result -> answer(result, "The refresh token is unknown, used, expired or revoked."));
    }

    @POST
    @Path("logout")
    @PermitAll
    @Operation(summary = "Revoke a refresh token", description = "204 whether or not it was still live. "
            + "Access tokens already issued stay valid until they expire (15 minutes by default).")
    public Uni<Response> logout(@Valid @NotNull RefreshRequest body) {
        return service.logout(body.refreshToken(), client()).replaceWith(Response.noContent().build());
    }

    @PUT
    @Path("password")
    @Authenticated
    @Operation(summary = "Change one's own password", description = "Needs the current password; revokes the caller's "
            + "refresh tokens. Users only (not API keys).")
    public Uni<Response> changePassword(@Valid @NotNull PasswordChange body) {
        if (!(identity.getPrincipal() instanceof JsonWebToken)) {
            return Uni.createFrom().item(Problems.response(Response.Status.FORBIDDEN, "Only users have passwords."));
        }
        return service.changePassword(identity.getPrincipal().getName(), body, client()).map(result -> result instanceof LoginResult.Refused
                ? Problems.response(Response.Status.BAD_REQUEST, "The current password is wrong.")
                : answer(result, null));
    }

    private AuthService.Client client() {
        return new AuthService.Client(AccessDenials.sourceOf(request), RequestIds.of(request));
    }

    private static Response answer(LoginResult result, String refusal) {
        if (result instanceof LoginResult.Issued issued) {
            return Response.ok(issued.tokens()).header("Cache-Control", "no-store").build();
        }
        if (result instanceof LoginResult.Changed) {
            return Response.noContent().build();
        }
        if (result instanceof LoginResult.Throttled throttled) {
            return Response.fromResponse(Problems.response(Response.Status.TOO_MANY_REQUESTS,
                    "Too many failed logins; try again in " + throttled.retryAfterSeconds() + " s."))
                    .header("Retry-After", throttled.retryAfterSeconds()).build();
        }
        return Problems.unauthorized(refusal);
    }
}

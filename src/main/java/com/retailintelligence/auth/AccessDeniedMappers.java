package com.retailintelligence.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.retailintelligence.audit.AccessDenials;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.problem.Problems;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** Answers missing or bad credentials (401) and a role that may not (403) with problem+json, and audits each denial. */
public class AccessDeniedMappers {

    @Inject
    AccessDenials denials;

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        denials.denied(null, AuditEntry.Channel.REST, request, "no credentials");
        return Problems.unauthorized("A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        denials.denied(null, AuditEntry.Channel.REST, request, "invalid credentials");
        return Problems.unauthorized("The bearer token is invalid or has expired.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        denials.denied(identity, AuditEntry.Channel.REST, request, "role not allowed");
        return Problems.response(Response.Status.FORBIDDEN, "Your role does not allow this operation.");
    }
}

package com.retailintelligence.auth;

import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.Problems;

/**
 * What came of a request to create or change a user or an API key: done (with the result), or why not. The
 * services decide; {@link #toResponse} is where the resources turn it into an answer.
 */
public sealed interface GrantOutcome<T> {

    /** Done: {@code value} is the user or key as it now is. */
    record Done<T>(T value) implements GrantOutcome<T> {
    }

    /** The request is invalid (400): unknown roles, missing or unknown stores, an expiry in the past. */
    record Invalid<T>(String detail, List<Problem.FieldError> errors) implements GrantOutcome<T> {
    }

    /** The caller may not grant this (403). */
    record Refused<T>(String reason) implements GrantOutcome<T> {
    }

    /** It exists already, or would leave an installation without an admin (409). */
    record Conflict<T>(String detail) implements GrantOutcome<T> {
    }

    /** No such user or key, or one the caller may not manage (404, the same answer). */
    record NotFound<T>(String detail) implements GrantOutcome<T> {
    }

    /** The answer: {@code done} builds the success; every other outcome is its problem+json. */
    static <T> Response toResponse(GrantOutcome<T> outcome, Function<T, Response> done) {
        if (outcome instanceof Done<T> ok) {
            return done.apply(ok.value());
        }
        if (outcome instanceof Invalid<T> invalid) {
            return Problems.response(Response.Status.BAD_REQUEST, invalid.detail(), invalid.errors());
        }
        if (outcome instanceof Refused<T> refused) {
            return Problems.response(Response.Status.FORBIDDEN, refused.reason());
        }
        if (outcome instanceof Conflict<T> conflict) {
            return Problems.conflict(conflict.detail());
        }
        return Problems.notFound(((NotFound<T>) outcome).detail());
    }
}

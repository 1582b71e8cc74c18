package com.retailintelligence.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

/** Builds application/problem+json responses, so every interface reports errors the same way. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response response(Response.StatusType status, String detail) {
        return response(status, detail, List.of());
    }

    public static Response response(Response.StatusType status, String detail, List<Problem.FieldError> errors) {
        Problem body = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, errors);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }

    public static Response notFound(String detail) {
        return response(Response.Status.NOT_FOUND, detail);
    }

    /** The answer for a store that does not exist or that the caller may not see: the same, so nothing is revealed. */
    public static Response storeNotFound(String storeId) {
        return notFound("No store with id '" + storeId + "'.");
    }

    public static Response conflict(String detail) {
        return response(Response.Status.CONFLICT, detail);
    }

    public static Response unauthorized(String detail) {
        Problem body = new Problem("about:blank", "Unauthorized", 401, detail, null, List.of());
        return Response.status(Response.Status.UNAUTHORIZED).type(MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer").entity(body).build();
    }
}

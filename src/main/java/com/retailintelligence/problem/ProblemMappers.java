package com.retailintelligence.problem;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;

/**
 * Maps every exception that reaches JAX-RS to problem+json, never leaking class names or stack traces.
 * Security exceptions (401, 403) are mapped in auth.AccessDeniedMappers, which also audits them.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        boolean returnValue = e.getConstraintViolations().stream().anyMatch(ViolationPaths::isReturnValue);
        if (returnValue) {
            return internalError(e);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(ViolationPaths.fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problems.response(Response.Status.BAD_REQUEST, summary(errors), errors);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return JsonErrors.describe(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MismatchedInputException mismatch) {
            return JsonErrors.describe(mismatch);
        }
        if (cause instanceof StreamConstraintsException) {
            // Jackson's limits: nesting over 1,000 levels, or a number or string longer than it reads.
            return Problems.response(Response.Status.BAD_REQUEST, "The JSON document is nested too deeply, or holds a number "
                    + "or string longer than can be read.");
        }
        if (cause instanceof StreamReadException || cause instanceof JsonProcessingException) {
            return JsonErrors.describe((JsonProcessingException) cause);
        }
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return internalError(e);
        }
        Response problem = Problems.response(status, detailFor(e, status));
        if (e instanceof NotAllowedException && original.getHeaderString("Allow") != null) {
            return Response.fromResponse(problem).header("Allow", original.getHeaderString("Allow")).build();
        }
        return problem;
    }

    /** Anything else: 503 when it is a transient failure (PostgreSQL away, a full queue), else a bug: 500, logged. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        TransientFailures.Kind transientKind = TransientFailures.classify(e);
        return transientKind != null ? TransientFailures.response(transientKind, e) : internalError(e);
    }

    private static Response internalError(Throwable e) {
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error (reference %s)", reference);
        return Problems.response(Response.Status.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote reference " + reference + " when reporting it.");
    }

    private static String detailFor(WebApplicationException e, Response.StatusType status) {
        if (e instanceof NotSupportedException) {
            return "Unsupported content type; send application/json.";
        }
        String message = e.getMessage();
        boolean generic = message == null || message.startsWith("HTTP ") || message.contains("Exception");
        if (!generic) {
            return message;
        }
        return switch (status.getStatusCode()) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "None of the accepted media types can be produced; ask for application/json.";
            case 413 -> "The request body is too large.";
            case 415 -> "Unsupported content type; send application/json.";
            default -> status.getReasonPhrase() + ".";
        };
    }

    private static String summary(List<Problem.FieldError> errors) {
        if (errors.size() == 1) {
            Problem.FieldError only = errors.get(0);
            return only.field().isEmpty() ? only.message() : only.field() + ": " + only.message();
        }
        return errors.size() + " fields are invalid: "
                + String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().toList()) + ".";
    }

    /** Turns validator property paths ("create.body.timezone") into request field paths ("timezone"). */
    static final class ViolationPaths {
        private ViolationPaths() {
        }

        static boolean isReturnValue(ConstraintViolation<?> violation) {
            for (jakarta.validation.Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == jakarta.validation.ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        }

        static String fieldPath(ConstraintViolation<?> violation) {
            List<jakarta.validation.Path.Node> nodes = new java.util.ArrayList<>();
            violation.getPropertyPath().forEach(nodes::add);
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < nodes.size(); i++) {
                jakarta.validation.Path.Node node = nodes.get(i);
                switch (node.getKind()) {
                    case METHOD, CONSTRUCTOR, CROSS_PARAMETER -> {
                    }
                    case PARAMETER -> {
                        // A body parameter is the root of the fields inside it; only a parameter that is
                        // itself invalid (a missing body, a bad query parameter) is named.
                        if (i == nodes.size() - 1) {
                            path.append(node.getName());
                        }
                    }
                    default -> {
                        if (node.getIndex() != null) {
                            path.append('[').append(node.getIndex()).append(']');
                        } else if (node.getKey() != null) {
                            path.append('[').append(node.getKey()).append(']');
                        }
                        if (node.getName() != null && !node.getName().startsWith("<")) {
                            if (path.length() > 0) {
                                path.append('.');
                            }
                            path.append(node.getName());
                        }
                    }
                }
            }
            return path.toString();
        }
    }
}

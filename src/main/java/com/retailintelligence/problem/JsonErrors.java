package com.retailintelligence.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Describes a JSON body that cannot be read in the client's terms (field path, expected JSON type), not Java's. */
public final class JsonErrors {

    private JsonErrors() {
    }

    static Response describe(MismatchedInputException e) {
        if (isTrailingContent(e)) {
            return Problems.response(Response.Status.BAD_REQUEST, detail(e));
        }
        String field = path(e.getPath());
        String expected = jsonTypeOf(e.getTargetType());
        String message = expected == null ? "has the wrong type" : "must be " + expected;
        if (field.isEmpty()) {
            String detail = expected == null ? "The request body has the wrong shape." : "The request body must be " + expected + ".";
            return Problems.response(Response.Status.BAD_REQUEST, detail);
        }
        return Problems.response(Response.Status.BAD_REQUEST, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    static Response describe(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return describe(mismatch);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            return Problems.response(Response.Status.BAD_REQUEST, field + ": has an invalid value",
                    List.of(new Problem.FieldError(field, "has an invalid value")));
        }
        return Problems.response(Response.Status.BAD_REQUEST, detail(e));
    }

    /** The detail of a body that is not one well-formed JSON document of storable text (no field to name). */
    public static String detail(JsonProcessingException e) {
        if (e instanceof UnstorableTextException text) {
            return text.detail();
        }
        if (isTrailingContent(e)) {
            return "The request body has content after the JSON document" + where(e.getLocation()) + "; send one JSON document.";
        }
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field ")) {
            return message + where(e.getLocation()) + "; each field may appear once.";
        }
        return "Malformed JSON" + where(e.getLocation()) + ".";
    }

    private static boolean isTrailingContent(JsonProcessingException e) {
        return e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token");
    }

    /** " at line L, column C", or nothing when the location is unknown. */
    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String jsonTypeOf(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class || type.isEnum() || java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }
}

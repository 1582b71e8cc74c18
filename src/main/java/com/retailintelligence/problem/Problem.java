package com.retailintelligence.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An RFC 9457 problem details body; {@code errors} lists the offending fields of a validation failure. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    /** One offending field: its path in the request ("timezone", "[3].amount", "query.date") and what is wrong. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}

package com.retailintelligence.problem;

import com.fasterxml.jackson.core.JsonParseException;

/** A JSON body refused before parsing because its text breaks the text rule (validation.StorableText). */
public class UnstorableTextException extends JsonParseException {

    private static final long serialVersionUID = 1L;

    public UnstorableTextException(String problem) {
        super(null, "The request body contains " + problem + "; text must be UTF-8 without NUL characters or unpaired surrogates.");
    }

    /** The detail for the client. */
    public String detail() {
        return getOriginalMessage();
    }
}

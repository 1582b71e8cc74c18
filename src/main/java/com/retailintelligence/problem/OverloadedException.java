package com.retailintelligence.problem;

/** A bounded queue of the service is full: the request is refused at once (503, Retry-After) rather than queued. */
public class OverloadedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OverloadedException(String message) {
        super(message, null, false, false);
    }
}

package com.retailintelligence.config;

/** A connection URL from the environment that cannot be used; its message names the variable, never a password. */
public class InvalidConnectionUrlException extends IllegalArgumentException {

    public InvalidConnectionUrlException(String message) {
        super(message);
    }

    /** One line is the whole story: the stack trace of a configuration mistake helps nobody. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package com.retailintelligence.config;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * A connection URL from the environment that cannot be used; its message names the variable, never a password.
 * Being a {@link ConfigurationException}, Quarkus prints just this message when start-up fails.
 */
public class InvalidConnectionUrlException extends ConfigurationException {

    public InvalidConnectionUrlException(String message) {
        super(message);
    }

    /** One line is the whole story: the stack trace of a configuration mistake helps nobody. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

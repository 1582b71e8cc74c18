package com.retailintelligence.config;

import io.quarkus.runtime.ExecutionMode;

/**
 * Tells a config source factory whether the runtime configuration is being built. Values that a factory
 * returns during the build are recorded into the application as defaults, so secrets, generated keys and
 * URLs from the build machine's environment must only be produced at run time.
 */
public final class RuntimeOnly {

    private RuntimeOnly() {
    }

    public static boolean isRuntime() {
        ExecutionMode mode = ExecutionMode.current();
        return mode == ExecutionMode.RUNTIME_INIT || mode == ExecutionMode.RUNNING;
    }
}

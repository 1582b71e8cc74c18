package com.retailintelligence.http;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on requests that the service checks itself, so that each refusal is a problem+json answer (Netty's own,
 * set higher in application.properties as a backstop, answer with empty bodies). The body size limit is
 * quarkus.http.limits.max-body-size (QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE).
 */
@ConfigMapping(prefix = "retail.http")
public interface HttpConfig {

    /** Longest request target (path and query) in characters; longer → 414 (RETAIL_HTTP_MAX_URI_LENGTH). */
    @WithDefault("4096")
    int maxUriLength();

    /** Most bytes of request headers, names and values; more → 431 (RETAIL_HTTP_MAX_HEADER_BYTES). */
    @WithDefault("16384")
    int maxHeaderBytes();

    /**
     * Longest time a request body may take to arrive once its headers are in; slower → 408 and the connection
     * is closed (RETAIL_HTTP_BODY_TIMEOUT). Idle connections are closed by quarkus.http.idle-timeout.
     */
    @WithDefault("15s")
    Duration bodyTimeout();
}

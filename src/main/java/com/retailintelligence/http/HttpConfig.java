package com.retailintelligence.http;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on requests that the service checks itself, so that each refusal is a problem+json answer (Netty's own,
 * set higher in application.properties as a backstop, answer with empty bodies).
 */
@ConfigMapping(prefix = "retail.http")
public interface HttpConfig {

    /** Largest request body, declared or chunked; larger → 413 (RETAIL_HTTP_MAX_BODY_SIZE). Uploads have their own limit. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /**
     * Largest upload to an upload path (POST /api/v1/imports: a SQLite file or a CSV export); larger → 413
     * (RETAIL_HTTP_MAX_UPLOAD_SIZE). It must stay below quarkus.http.limits.max-body-size, Netty's backstop.
     */
    @WithDefault("512M")
    MemorySize maxUploadSize();

    /** Longest time an upload's body may take to arrive (RETAIL_HTTP_UPLOAD_TIMEOUT). */
    @WithDefault("10m")
    Duration uploadTimeout();

    /** Longest request target (path and query) in characters; longer → 414 (RETAIL_HTTP_MAX_URI_LENGTH). */
    @WithDefault("4096")
    int maxUriLength();

    /** Most bytes of request headers, names and values; more → 431 (RETAIL_HTTP_MAX_HEADER_BYTES). */
    @WithDefault("16384")
    int maxHeaderBytes();

    /**
     * Most bytes of chunked bodies a replica holds while it reads them (RETAIL_HTTP_MAX_BUFFERED_CHUNKED); beyond,
     * a chunked request is answered 503 with Retry-After and its connection closed. Bodies with a Content-Length
     * are bounded by the ingest admission and by Quarkus REST instead.
     */
    @WithDefault("64M")
    MemorySize maxBufferedChunked();

    /**
     * Longest time a request body may take to arrive once its headers are in; slower → 408 and the connection
     * is closed (RETAIL_HTTP_BODY_TIMEOUT). Idle connections are closed by quarkus.http.idle-timeout.
     */
    @WithDefault("15s")
    Duration bodyTimeout();
}

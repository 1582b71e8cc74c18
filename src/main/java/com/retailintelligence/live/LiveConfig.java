package com.retailintelligence.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the live WebSocket feeds. */
@ConfigMapping(prefix = "retail.live")
public interface LiveConfig {

    /** Messages a connection may have waiting before it is closed as too slow (RETAIL_LIVE_MAX_PENDING). */
    @WithDefault("1000")
    int maxPending();

    /** Most live connections one principal may hold on one replica (RETAIL_LIVE_MAX_CONNECTIONS_PER_PRINCIPAL). */
    @WithDefault("20")
    int maxConnectionsPerPrincipal();

    /**
     * Origins browsers may open live feeds from (RETAIL_LIVE_ALLOWED_ORIGINS, comma-separated, e.g.
     * https://displays.example.com). Unset: any origin. Clients that send no Origin (non-browsers) are allowed.
     */
    java.util.Optional<java.util.List<String>> allowedOrigins();

    /**
     * Whether the feeds accept the permessage-deflate browsers offer (RETAIL_LIVE_COMPRESSION); declined by default
     * (docs/live.md, "Compression"). Applied through quarkus.websockets-next.server.per-message-compression-supported.
     */
    @WithDefault("false")
    boolean compression();

    /** The deflate level when compression is on, 1 (fastest) to 9 (RETAIL_LIVE_COMPRESSION_LEVEL). */
    @WithDefault("1")
    @io.smallrye.config.WithName("compression-level")
    @jakarta.validation.constraints.Min(1)
    @jakarta.validation.constraints.Max(9)
    int compressionLevel();
}

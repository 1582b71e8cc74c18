package com.retailintelligence.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** RETAIL_LIVE_COMPRESSION=true: the same browser offer is accepted, and frames go out compressed (RSV1 set). */
@QuarkusTest
@TestProfile(LiveCompressionOnTest.CompressionOn.class)
class LiveCompressionOnTest {

    public static class CompressionOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retail.live.compression", "true");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void deflateIsAcceptedWhenSwitchedOn() throws Exception {
        LiveCompressionTest.Handshake answer = LiveCompressionTest.Handshake.onNewStore(base, "deflate-on",
                LiveCompressionTest.BROWSER_OFFER);
        try {
            assertTrue(answer.headers().toLowerCase(Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate"), answer.headers());
            assertEquals(0xC1, answer.socket().getInputStream().read(), "FIN + RSV1 + text: compressed");
        } finally {
            answer.socket().close();
        }
    }
}

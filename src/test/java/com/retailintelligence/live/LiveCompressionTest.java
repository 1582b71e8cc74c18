package com.retailintelligence.live;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.createStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The live feeds decline the permessage-deflate that browsers offer (docs/live.md, "Compression"): the upgrade is
 * answered without the extension, and frames go out uncompressed — written straight to the Vert.x socket.
 */
@QuarkusTest
class LiveCompressionTest {

    /** What Chromium sends in every WebSocket handshake. */
    static final String BROWSER_OFFER = "permessage-deflate; client_max_window_bits";

    @TestHTTPResource("/")
    URI base;

    @Test
    void deflateOfferedAsBrowsersDoIsDeclinedAndFramesGoUncompressed() throws Exception {
        Handshake answer = Handshake.onNewStore(base, "deflate", BROWSER_OFFER);
        try {
            assertFalse(answer.headers().toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"), answer.headers());
            int first = answer.socket().getInputStream().read();
            assertEquals(0x81, first, "FIN + text, RSV1 clear: not compressed");
            assertTrue(answer.readPayload().contains("\"type\":\"snapshot\""));
        } finally {
            answer.socket().close();
        }
    }

    @Test
    void framesAreWrittenDirectlyToTheVertxSocket() {
        // When a Quarkus upgrade moves the accessor, the feeds still work through sendText, but slower: this says so.
        assertTrue(DirectWrites.available(), "WebSocketConnectionBase.webSocket() is no longer reachable");
    }

    /** A WebSocket upgrade made by hand, to see exactly what the server answers; the socket stays open after it. */
    record Handshake(Socket socket, String status, String headers) {

        /** Opens the traffic feed of a new store as the admin, offering the extensions; the upgrade must succeed. */
        static Handshake onNewStore(URI base, String storePrefix, String extensions) throws IOException {
            String store = uniqueStoreId(storePrefix);
            createStore(store, "UTC", "EUR");
            Handshake answer = open(base, "/ws/traffic/realtime?storeId=" + store, Api.adminToken(), extensions);
            assertTrue(answer.status().startsWith("HTTP/1.1 101"), answer.headers());
            return answer;
        }

        static Handshake open(URI base, String path, String token, String extensions) throws IOException {
            Socket socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: " + extensions + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String text = head.toString(StandardCharsets.US_ASCII);
            return new Handshake(socket, text.lines().findFirst().orElse(""), text);
        }

        /** The payload of the frame whose first byte was just read (server frames are not masked). */
        String readPayload() throws IOException {
            InputStream in = socket.getInputStream();
            int length = in.read() & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                throw new IOException("a frame over 64 KiB");
            }
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}

package com.retailintelligence.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.LogCapture;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that holds a connection without finishing its request is cut off: a body that does not arrive gets 408
 * (problem+json) and the connection is closed; a connection with nothing to say is closed by the idle timeout.
 * Short timeouts here; the defaults are 15 s and 30 s.
 */
@QuarkusTest
@TestProfile(TimeoutsTest.ShortTimeouts.class)
class TimeoutsTest {

    /** A 1-second body timeout and a 2-second idle timeout. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retail.http.body-timeout", "1s", "quarkus.http.idle-timeout", "2s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBodyThatNeverArrivesIsAnswered408AndTheConnectionClosed() throws Exception {
        String token = Api.adminToken(); // so the request waits for its body rather than being refused at once (401)
        try (LogCapture log = LogCapture.start()) {
            sendHalfBodies(token);
            assertEquals(List.of(), log.errorsAndStackTraces(), "a slow client is not an error");
        }
    }

    private void sendHalfBodies(String token) throws Exception {
        for (String framing : new String[] { "Content-Length: 100\r\n", "Transfer-Encoding: chunked\r\n" }) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(10_000);
                long started = System.nanoTime();
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/stores HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + token + "\r\n" + framing
                        + "\r\n" + (framing.startsWith("Transfer") ? "5\r\n{\"id\"" : "{\"id\"")).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String answer = new String(readUntilClosed(socket.getInputStream()), StandardCharsets.UTF_8);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(answer.startsWith("HTTP/1.1 408"), framing + answer);
                assertTrue(answer.contains("application/problem+json"), answer);
                assertTrue(millis >= 900 && millis < 5_000, "cut off after the body timeout, not at once nor never: " + millis + " ms");
            }
        }
    }

    @Test
    void aConnectionThatSaysNothingIsClosedByTheIdleTimeout() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();
            socket.getOutputStream().write("GET /api/v1/stores HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = readUntilClosed(socket.getInputStream());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(0, answer.length, "no answer to half a request");
            assertTrue(millis >= 1_500 && millis < 8_000, "closed after the idle timeout: " + millis + " ms");
        }
    }

    private static byte[] readUntilClosed(InputStream in) throws Exception {
        return in.readAllBytes();
    }
}

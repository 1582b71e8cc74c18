package com.retailintelligence.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.Events;
import com.retailintelligence.support.RawHttp;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The ingest admission bound, with room for one request: while one is in flight the next is refused at once with
 * 503 and Retry-After (with or without a trailing slash, chunked or not), and the room is given back when the
 * request ends — even when its client just goes away.
 */
@QuarkusTest
@TestProfile(IngestAdmissionTest.OneInFlight.class)
class IngestAdmissionTest {

    /** One ingest request in flight at most. */
    public static class OneInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retail.ingest.max-requests-in-flight", "1");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void oneMoreThanTheBoundIsRefusedAtOnceAndTheRoomComesBack() throws Exception {
        String token = Api.adminToken();
        String store = Api.uniqueStoreId("admit");
        Events.createStore(store, "UTC", "EUR");
        String body = Events.batch(List.of(Events.traffic("a1", store, Instant.now().minusSeconds(60).toString(), 1, 0)));
        RawHttp http = new RawHttp(base.getHost(), base.getPort());

        // A request that holds the only place: its headers promise a body that does not come (yet).
        Socket holder = new Socket(base.getHost(), base.getPort());
        OutputStream out = holder.getOutputStream();
        out.write(("POST /api/v1/traffic/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "x");
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        for (String path : List.of("/api/v1/traffic/events", "/api/v1/traffic/events/", "/api/v1/sales/events")) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> http.send(RawHttp.request("POST", path, headers,
                    body.getBytes(StandardCharsets.UTF_8))).status() == 503);
            RawHttp.Answer refused = http.send(RawHttp.request("POST", path, headers, body.getBytes(StandardCharsets.UTF_8)));
            assertEquals(503, refused.status(), path);
            assertEquals("1", refused.headers().get("retry-after"), path);
            assertTrue(refused.contentType().startsWith("application/problem+json"), path);
        }
        Map<String, String> chunked = new LinkedHashMap<>(headers);
        chunked.put("Transfer-Encoding", "chunked");
        byte[] chunk = (Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(503, http.send(RawHttp.request("POST", "/api/v1/traffic/events", chunked, chunk)).status(), "chunked too");

        // The holder's client goes away without sending its body: the place is given back.
        holder.close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> http.send(RawHttp.request("POST", "/api/v1/traffic/events",
                headers, body.getBytes(StandardCharsets.UTF_8))).status() == 200);
    }
}

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

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.Events;
import com.retailintelligence.support.RawHttp;
import com.retailintelligence.support.Sql;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The admission's bytes bound, with room for about one single-event body: while a request that declared one is in
 * flight, the next body is refused at once with 503 and Retry-After — though the requests bound has room to spare —
 * and the room comes back when the first request ends.
 */
@QuarkusTest
@TestProfile(IngestAdmissionByBytesTest.OneBodyInFlight.class)
class IngestAdmissionByBytesTest {

    /** 200 body bytes in flight at most, many requests. */
    public static class OneBodyInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retail.ingest.max-body-bytes-in-flight", "200", "retail.ingest.max-requests-in-flight", "100");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Pool pool;

    @Test
    void aBodyBeyondTheBytesInFlightIsRefusedAtOnceAndTheRoomComesBack() throws Exception {
        String token = Api.adminToken();
        String store = Api.uniqueStoreId("bytes");
        Events.createStore(store, "UTC", "EUR");
        byte[] body = Events.batch(List.of(Events.traffic("b1", store, Instant.now().minusSeconds(60).toString(), 1, 0)))
                .getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length > 100 && body.length <= 200, "one body fits the budget, two do not: " + body.length);
        RawHttp http = new RawHttp(base.getHost(), base.getPort());

        // A request that holds the room: its headers promise a body that does not come (yet).
        Socket holder = new Socket(base.getHost(), base.getPort());
        OutputStream out = holder.getOutputStream();
        out.write(("POST /api/v1/traffic/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "x");
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> http.send(RawHttp.request("POST", "/api/v1/traffic/events", headers, body)).status() == 503);
        RawHttp.Answer refused = http.send(RawHttp.request("POST", "/api/v1/traffic/events", headers, body));
        assertEquals(503, refused.status());
        assertEquals("1", refused.headers().get("retry-after"));
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals(0, stored(store), "nothing refused is stored");

        holder.close();
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> http.send(RawHttp.request("POST", "/api/v1/traffic/events", headers, body)).status() == 200);
        assertEquals(1, stored(store));
    }

    private long stored(String store) {
        return Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1", store);
    }
}

package com.retailintelligence.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.LiveClient;
import com.retailintelligence.support.PackagedInstances;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * Two instances of the packaged service on different ports, sharing PostgreSQL, Redis and the JWT keys: a
 * display connected to instance B receives every event ingested through instance A, exactly once, in order.
 */
class TwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN_PASSWORD = "two-instances";

    private static PackagedInstances instances;
    private static int portA;
    private static int portB;
    private static Vertx vertx;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        instances = PackagedInstances.start("two-instances", 2, ADMIN_PASSWORD, Map.of());
        portA = instances.get(0).port();
        portB = instances.get(1).port();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopThem() throws Exception {
        if (instances != null) {
            instances.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }

    @Test
    void displayOnBSeesEventsIngestedThroughAExactlyOnce() throws Exception {
        String token = JSON.readTree(post(portA, "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}").body()).get("access_token").asText();
        String store = "two-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, post(portA, "/api/v1/stores", token,
                "{\"id\":\"" + store + "\",\"name\":\"Two\",\"timezone\":\"UTC\"}").statusCode());

        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = new LiveClient(vertx, URI.create("http://127.0.0.1:" + portB))
                .connect("/ws/traffic/realtime?storeId=" + store, token, messages);
        try {
            assertEquals("snapshot", messages.poll(10, TimeUnit.SECONDS).get("type").asText());
            String at = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toString();
            for (int i = 0; i < 20; i++) {
                String body = "[{\"id\":\"e" + i + "\",\"storeId\":\"" + store + "\",\"sensorId\":\"door-1\",\"timestamp\":\"" + at
                        + "\",\"in\":1,\"out\":0}]";
                assertEquals(200, post(portA, "/api/v1/traffic/events", token, body).statusCode());
            }
            for (int i = 0; i < 20; i++) {
                JsonNode message = messages.poll(10, TimeUnit.SECONDS);
                assertNotNull(message, "event " + i + " reached instance B");
                assertEquals("e" + i, message.get("eventId").asText());
                assertEquals(i + 1, message.get("visitorsToday").asLong());
            }
            assertNull(messages.poll(1, TimeUnit.SECONDS), "no event twice");
        } finally {
            socket.close();
        }
    }

    private static HttpResponse<String> post(int port, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }


}

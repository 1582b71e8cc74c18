package com.retailintelligence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.LiveClient;
import com.retailintelligence.support.PackagedInstances;
import com.retailintelligence.support.ServiceProcess;
import com.retailintelligence.support.SteadyIngest;
import com.retailintelligence.support.StoredTraffic;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * SIGTERM to one of two replicas, as Kubernetes stops a pod: readiness goes down at once while requests are still
 * served through the shutdown delay; then its live feed is closed with 1001 and the client, reconnecting to the
 * other replica, carries on; requests in flight when the drain begins are answered, later ones get 503; ingest running
 * through the whole shutdown loses nothing that was acknowledged; the replica exits as stopped, with nothing logged at
 * ERROR.
 */
class GracefulShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN_PASSWORD = "graceful-shutdown";
    private static final Duration DELAY = Duration.ofSeconds(2);

    private static PackagedInstances instances;
    private static Vertx vertx;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        instances = PackagedInstances.start("graceful", 2, ADMIN_PASSWORD,
                Map.of("RETAIL_SHUTDOWN_DELAY", DELAY.toSeconds() + "s", "RETAIL_SHUTDOWN_DRAIN_TIMEOUT", "10s"));
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
    void aReplicaGoingAwayHandsItsScreensToTheOtherAndLosesNoAcknowledgedEvent() throws Exception {
        ServiceProcess leaving = instances.get(0);
        ServiceProcess staying = instances.get(1);
        String token = token(staying);
        String store = "gs-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, post(staying, "/api/v1/stores", token,
                "{\"id\":\"" + store + "\",\"name\":\"Going away\",\"timezone\":\"UTC\"}").statusCode());

        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = new LiveClient(vertx, leaving.uri("/")).connect("/ws/traffic/realtime?storeId=" + store, token, messages);
        CompletableFuture<Short> closedWith = new CompletableFuture<>();
        socket.closeHandler(ignored -> closedWith.complete(socket.closeStatusCode()));
        assertEquals("snapshot", messages.poll(10, TimeUnit.SECONDS).get("type").asText());

        int mark = leaving.logMark();
        Instant terminated;
        Set<String> acknowledged;
        List<SteadyIngest.Answer> answers;
        try (SteadyIngest load = new SteadyIngest(leaving.uri("/"), token, List.of(store), "gs", 20).start(4)) {
            Thread.sleep(1000);
            terminated = Instant.now();
            leaving.terminate();
            // Not ready at once, while the delay still serves whatever the load balancer sends meanwhile.
            Thread.sleep(300);
            assertEquals(503, leaving.status("/q/health/ready"), "not ready once SIGTERM arrived");
            short code = closedWith.get(DELAY.toSeconds() + 10, TimeUnit.SECONDS);
            assertEquals((short) 1001, code, "the live feed is closed as going away");
            assertTrue(Duration.between(terminated, Instant.now()).compareTo(DELAY.minusMillis(500)) >= 0,
                    "the feed stays open through the shutdown delay");
            int exit = leaving.awaitExit(Duration.ofSeconds(30));
            assertTrue(exit == 0 || exit == 143, "the replica exits as stopped by SIGTERM, not killed: " + exit);
            acknowledged = load.acknowledged();
            answers = load.answers();
        }

        // The screen reconnects to the other replica and carries on from a fresh snapshot.
        messages.clear();
        WebSocket again = new LiveClient(vertx, staying.uri("/")).connect("/ws/traffic/realtime?storeId=" + store, token, messages);
        try {
            JsonNode snapshot = messages.poll(10, TimeUnit.SECONDS);
            assertEquals("snapshot", snapshot.get("type").asText());
            String at = Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS).toString();
            assertEquals(200, post(staying, "/api/v1/traffic/events", token, "[{\"id\":\"after\",\"storeId\":\"" + store
                    + "\",\"sensorId\":\"door-9\",\"timestamp\":\"" + at + "\",\"in\":1,\"out\":0}]").statusCode());
            JsonNode next = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(next, "an event after the switch reaches the screen");
            assertEquals("after", next.get("eventId").asText());
            assertEquals(snapshot.get("visitorsToday").asLong() + 1, next.get("visitorsToday").asLong());
        } finally {
            again.close();
        }

        long servedDuringDelay = answers.stream().filter(a -> a.at().isAfter(terminated.plusMillis(200))
                && a.at().isBefore(terminated.plus(DELAY).minusMillis(200)) && a.status() == 200).count();
        assertTrue(servedDuringDelay > 0, "ingest went on during the shutdown delay");
        // Requests that began before the drain (the end of the delay) were all answered: none was cut off.
        List<SteadyIngest.Answer> cutOff = answers.stream().filter(a -> a.status() == 0
                && a.at().minusMillis(a.millis()).isBefore(terminated.plus(DELAY).minusMillis(200))).toList();
        assertEquals(List.of(), cutOff, "requests in flight when the drain began finished");
        StoredTraffic stored = new StoredTraffic("jdbc:postgresql://127.0.0.1:5432/" + instances.database(), 6379,
                instances.database() + ":");
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(stored.storedIds(List.of(store)));
        assertTrue(!acknowledged.isEmpty() && missing.isEmpty(), acknowledged.size() + " acknowledged, missing: " + missing);
        assertEquals(List.of(), stored.rollupsAgainstRawEvents(List.of(store)), "the rollups agree with the raw events");
        // Once the application has stopped, the Redis client may log a write on a connection it has just closed
        // ("Unhandled Error [Error Occurred After Shutdown]", now and then): noise of the library, after our work is done.
        List<String> errors = leaving.errorLinesSince(mark).stream()
                .filter(line -> !(line.contains("RedisConnectionManager") && line.contains("Error Occurred After Shutdown"))).toList();
        assertEquals(List.of(), errors, "nothing logged at ERROR while shutting down");
        String log = Files.readString(leaving.log());
        assertTrue(log.contains("Stopping: closed 1 live feeds with 1001"), "the shutdown is logged");
        assertTrue(log.contains("stopped in"), "the stop time is logged");
    }

    private static String token(ServiceProcess instance) throws Exception {
        HttpResponse<String> login = post(instance, "/api/v1/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        return JSON.readTree(login.body()).get("access_token").asText();
    }

    private static HttpResponse<String> post(ServiceProcess instance, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

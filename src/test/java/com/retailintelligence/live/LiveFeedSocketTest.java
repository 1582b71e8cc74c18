package com.retailintelligence.live;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.Api;
import com.retailintelligence.support.LiveClient;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/** The live feeds over real WebSockets: auth at the upgrade, snapshot first, each event once and in order. */
@QuarkusTest
class LiveFeedSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper mapper;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private LiveClient live;

    @BeforeEach
    void client() {
        live = new LiveClient(vertx, base);
    }

    private static String now(int secondsAgo) {
        return Instant.now().minusSeconds(secondsAgo).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void subscriberGetsASnapshotThenEveryEventOfItsStoreOnceAndInOrder() throws Exception {
        String storeA = uniqueStoreId("ws-a");
        String storeB = uniqueStoreId("ws-b");
        createStore(storeA, "UTC", "EUR");
        createStore(storeB, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("before", storeA, now(60), 4, 1)))).statusCode(200);

        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = live.connect("/ws/traffic/realtime?storeId=" + storeA, Api.adminToken(), messages);
        try {
            JsonNode snapshot = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(snapshot, "a snapshot first");
            assertEquals("snapshot", snapshot.get("type").asText());
            assertEquals(storeA, snapshot.get("storeId").asText());
            assertEquals(4, snapshot.get("visitorsToday").asLong());
            assertEquals(3, snapshot.get("occupancy").asLong());

            for (int i = 0; i < 100; i++) {
                postTraffic(batch(List.of(traffic("a-" + i, storeA, now(30), 1, 0)))).statusCode(200);
                if (i % 10 == 0) {
                    postTraffic(batch(List.of(traffic("b-" + i, storeB, now(30), 1, 0)))).statusCode(200);
                }
            }
            List<JsonNode> received = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                JsonNode message = messages.poll(10, TimeUnit.SECONDS);
                assertNotNull(message, "event " + i);
                received.add(message);
            }
            for (int i = 0; i < 100; i++) {
                JsonNode message = received.get(i);
                assertEquals("traffic", message.get("type").asText());
                assertEquals(storeA, message.get("storeId").asText());
                assertEquals("a-" + i, message.get("eventId").asText());
                assertEquals(5 + i, message.get("visitorsToday").asLong());
            }
            assertNull(messages.poll(1, TimeUnit.SECONDS), "nothing for store B, nothing twice");
        } finally {
            socket.close();
        }
    }

    @Test
    void eachSubscriberGetsTheEventsOfTheStoresItNamedOrOfAllItsStoresInOrder() throws Exception {
        // Delivery looks only at the subscribers of an event's store (and at those that named none): the index must
        // neither lose nor repeat an event, nor change its order, for a subscriber under two stores.
        String a = uniqueStoreId("ws-ix-a");
        String b = uniqueStoreId("ws-ix-b");
        String c = uniqueStoreId("ws-ix-c");
        for (String store : List.of(a, b, c)) {
            createStore(store, "UTC", "EUR");
        }
        BlockingQueue<JsonNode> twoStores = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> oneStore = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> everyStore = new LinkedBlockingQueue<>();
        WebSocket first = live.connect("/ws/traffic/realtime?storeId=" + a + "&storeId=" + b, Api.adminToken(), twoStores);
        WebSocket second = live.connect("/ws/traffic/realtime?storeId=" + c, Api.adminToken(), oneStore);
        WebSocket third = live.connect("/ws/traffic/realtime", Api.adminToken(), everyStore);
        try {
            assertEquals(Set.of(a, b), Set.of(twoStores.poll(10, TimeUnit.SECONDS).get("storeId").asText(),
                    twoStores.poll(10, TimeUnit.SECONDS).get("storeId").asText()));
            assertEquals("snapshot", oneStore.poll(10, TimeUnit.SECONDS).get("type").asText());
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String store = List.of(a, b, c).get(i % 3);
                postTraffic(batch(List.of(traffic("ix-" + i, store, now(30), 1, 0)))).statusCode(200);
                sent.add(store + "/ix-" + i);
            }
            assertEquals(sent.stream().filter(e -> !e.startsWith(c + "/")).toList(), events(twoStores, 20, Set.of(a, b)));
            assertEquals(sent.stream().filter(e -> e.startsWith(c + "/")).toList(), events(oneStore, 10, Set.of(c)));
            assertEquals(sent, events(everyStore, 30, Set.of(a, b, c)));
            assertNull(twoStores.poll(500, TimeUnit.MILLISECONDS), "nothing of store C, nothing twice");
            assertNull(oneStore.poll(100, TimeUnit.MILLISECONDS));

            first.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            postTraffic(batch(List.of(traffic("ix-after", a, now(30), 1, 0)))).statusCode(200);
            assertEquals(List.of(a + "/ix-after"), events(everyStore, 1, Set.of(a, b, c)));
        } finally {
            second.close();
            third.close();
        }
    }

    /** The next {@code count} traffic events of the stores as "store/eventId", skipping snapshots and other stores' events. */
    private static List<String> events(BlockingQueue<JsonNode> messages, int count, Set<String> stores) throws InterruptedException {
        List<String> events = new ArrayList<>();
        while (events.size() < count) {
            JsonNode message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "event " + events.size() + " of " + count + " (got " + events + ")");
            if (message.get("type").asText().equals("traffic") && stores.contains(message.get("storeId").asText())) {
                events.add(message.get("storeId").asText() + "/" + message.get("eventId").asText());
            }
        }
        return events;
    }

    @Test
    void salesFeedCarriesConversion() throws Exception {
        String store = uniqueStoreId("ws-sales");
        createStore(store, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("v", store, now(60), 10, 0)))).statusCode(200);
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = live.connect("/ws/sales/live?storeId=" + store, Api.adminToken(), messages);
        try {
            assertEquals("snapshot", messages.poll(10, TimeUnit.SECONDS).get("type").asText());
            postSales(batch(List.of(sale("s1", store, now(30), "12.50", "EUR", "sale")))).statusCode(200);
            JsonNode message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message);
            assertEquals("sale", message.get("type").asText());
            assertEquals("12.50", message.get("amount").asText());
            assertEquals("EUR", message.get("currency").asText());
            assertEquals(1, message.get("transactionsToday").asLong());
            assertEquals("12.50", message.get("revenueToday").asText());
            assertEquals(0.1, message.get("conversionRate").asDouble(), 1e-9);

            // Sales wait for a Redis read before they go out; they must still arrive in order.
            for (int i = 2; i <= 21; i++) {
                postSales(batch(List.of(sale("s" + i, store, now(30), "1.00", "EUR", "sale")))).statusCode(200);
            }
            for (int i = 2; i <= 21; i++) {
                JsonNode next = messages.poll(10, TimeUnit.SECONDS);
                assertNotNull(next, "sale " + i);
                assertEquals("s" + i, next.get("eventId").asText());
                assertEquals(i, next.get("transactionsToday").asLong());
            }
        } finally {
            socket.close();
        }
    }

    @Test
    void tokenMayComeAsAQueryParameter() throws Exception {
        String store = uniqueStoreId("ws-query");
        createStore(store, "UTC", "EUR");
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = live.connect("/ws/traffic/realtime?storeId=" + store + "&access_token=" + Api.adminToken(), null,
                messages);
        try {
            assertEquals("snapshot", messages.poll(10, TimeUnit.SECONDS).get("type").asText());
        } finally {
            socket.close();
        }
    }

    @Test
    void tokenMayComeAsASubprotocol() throws Exception {
        String store = uniqueStoreId("ws-subprotocol");
        createStore(store, "UTC", "EUR");
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocketConnectOptions options = live.options("/ws/traffic/realtime?storeId=" + store)
                .addSubProtocol("retail.live.v1")
                .addSubProtocol("quarkus-http-upgrade#Authorization#Bearer%20" + Api.adminToken());
        WebSocket socket = live.connect(new WebSocketClientOptions(), options, messages);
        try {
            assertEquals("retail.live.v1", socket.subProtocol(), "the feed's own subprotocol is agreed");
            assertEquals("snapshot", messages.poll(10, TimeUnit.SECONDS).get("type").asText());
        } finally {
            socket.close();
        }
        assertEquals(401, LiveClient.refusedStatus(() -> live.connect(new WebSocketClientOptions(),
                live.options("/ws/traffic/realtime").addSubProtocol("retail.live.v1")
                        .addSubProtocol("quarkus-http-upgrade#Authorization#Bearer%20not.a.token"),
                new LinkedBlockingQueue<>())));
    }

    @Test
    void aClientThatStopsReadingIsClosedWith1013AndOthersGetEverything() throws Exception {
        String store = uniqueStoreId("ws-slow");
        createStore(store, "UTC", "EUR");
        BlockingQueue<JsonNode> slowMessages = new LinkedBlockingQueue<>();
        // A tiny receive buffer, then no reading at all: what the service sends piles up on its side.
        WebSocket slow = live.connect(new WebSocketClientOptions().setReceiveBufferSize(4096),
                live.options("/ws/traffic/realtime?storeId=" + store).addHeader("Authorization", "Bearer " + Api.adminToken()),
                slowMessages);
        BlockingQueue<Short> slowClosed = new LinkedBlockingQueue<>();
        slow.closeHandler(ignored -> slowClosed.add(slow.closeStatusCode()));
        assertNotNull(slowMessages.poll(10, TimeUnit.SECONDS), "snapshot");
        slow.pause();
        BlockingQueue<JsonNode> fastMessages = new LinkedBlockingQueue<>();
        WebSocket fast = live.connect("/ws/traffic/realtime?storeId=" + store, Api.adminToken(), fastMessages);
        try {
            assertNotNull(fastMessages.poll(10, TimeUnit.SECONDS), "snapshot");
            int events = 0;
            for (int b = 0; b < 30; b++) {
                List<String> batch = new ArrayList<>();
                for (int i = 0; i < 1000; i++, events++) {
                    batch.add(traffic("e-" + events, store, now(30), 1, 0));
                }
                postTraffic(batch(batch)).statusCode(200);
            }
            for (int i = 0; i < events; i++) {
                JsonNode message = fastMessages.poll(10, TimeUnit.SECONDS);
                assertNotNull(message, "fast client, event " + i);
                assertEquals("e-" + i, message.get("eventId").asText());
            }
            slow.resume(); // now it reads what was sent before the close, then the close itself
            Short code = slowClosed.poll(30, TimeUnit.SECONDS);
            assertNotNull(code, "the slow client was closed");
            assertEquals(1013, code.intValue());
            assertTrue(slowMessages.size() < events, "the slow client did not get everything buffered for it");
        } finally {
            fast.close();
        }
    }

    @Test
    void upgradeWithoutAValidTokenIsRefused() {
        for (String token : new String[] { null, "not.a.token" }) {
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> live.connect("/ws/traffic/realtime", token, new LinkedBlockingQueue<>()));
            assertTrue(failure.getCause() instanceof UpgradeRejectedException, String.valueOf(failure.getCause()));
            assertEquals(401, ((UpgradeRejectedException) failure.getCause()).getStatus());
        }
    }

    @Test
    void unknownStoreIsNotFound() {
        assertEquals(404, LiveClient.refusedStatus(() -> live.connect("/ws/traffic/realtime?storeId=no-such-store", Api.adminToken(),
                new LinkedBlockingQueue<>())));
    }

    @Test
    void foreignBrowserOriginIsForbidden() throws Exception {
        assertEquals(403, LiveClient.refusedStatus(() -> live.connect("/ws/traffic/realtime", Api.adminToken(), "http://evil.test",
                new LinkedBlockingQueue<>())));
        live.connect("/ws/traffic/realtime", Api.adminToken(), "http://displays.test", new LinkedBlockingQueue<>()).close();
    }

    @Test
    void connectionsPerPrincipalAreCapped() throws Exception {
        String store = uniqueStoreId("ws-cap");
        createStore(store, "UTC", "EUR");
        String token = Api.tokenForNewUser(pool, Set.of(store), "display");
        List<WebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
                open.add(live.connect("/ws/alerts", token, messages));
                assertNotNull(messages.poll(10, TimeUnit.SECONDS)); // registered once its snapshot came
            }
            assertEquals(429, LiveClient.refusedStatus(() -> live.connect("/ws/alerts", token, new LinkedBlockingQueue<>())));
        } finally {
            open.forEach(WebSocket::close);
        }
    }

    @Test
    void connectionClosesWith1008WhenTheTokenExpires() throws Exception {
        String store = uniqueStoreId("ws-expiry");
        createStore(store, "UTC", "EUR");
        long now = System.currentTimeMillis() / 1000;
        String shortLived = io.smallrye.jwt.build.Jwt.issuer("retail-intelligence").audience("retail-intelligence-api")
                .upn("admin").groups("admin").issuedAt(now).expiresAt(now + 3).sign();
        WebSocket socket = live.connect("/ws/traffic/realtime?storeId=" + store, shortLived, new LinkedBlockingQueue<>());
        BlockingQueue<Short> closed = new LinkedBlockingQueue<>();
        socket.closeHandler(ignored -> closed.add(socket.closeStatusCode()));
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + shortLived).get("/api/v1/stores").then().statusCode(200);
        Short code = closed.poll(10, TimeUnit.SECONDS);
        assertNotNull(code, "closed when the token expired");
        assertEquals(1008, code.intValue());
        // One expiry rule: the moment the feed closes, REST refuses the same token too (exp plus the same clock skew).
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + shortLived).get("/api/v1/stores").then().statusCode(401);
    }
}

package com.retailintelligence.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.FakeBotApi;
import com.retailintelligence.support.PackagedInstances;
import com.retailintelligence.support.HeadlessChromium;
import com.retailintelligence.support.LiveClient;
import com.retailintelligence.support.ServiceProcess;
import com.retailintelligence.support.TelegramUpdates;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;

/**
 * Two packaged instances ingesting the same store at the same moments, with a WebSocket subscriber on each, a Telegram
 * chat (fake Bot API) and a display page in Chromium: every subscriber gets each alert, and each resolution, exactly once
 * — for the event-driven occupancy rule and for a time-driven rule that both instances check on their schedule.
 */
class AlertsTwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN_PASSWORD = "alerts-two";
    private static final String SECRET = "alerts_two-secret";
    private static final int ROUNDS = 3;

    private static PackagedInstances instances;
    private static FakeBotApi fake;
    private static Vertx vertx;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        fake = new FakeBotApi().start();
        vertx = Vertx.vertx();
        instances = PackagedInstances.start("alerts-two", 2, ADMIN_PASSWORD, Map.of("RETAIL_ALERTS_CHECK_INTERVAL", "2s",
                "TELEGRAM_TOKEN", FakeBotApi.TOKEN, "TELEGRAM_WEBHOOK_SECRET", SECRET, "TELEGRAM_API_URL", fake.url(),
                "TELEGRAM_SWEEP_INTERVAL", "1s"));
    }

    @AfterAll
    static void stopThem() throws Exception {
        if (instances != null) {
            instances.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everySubscriberGetsEachAlertOnceWithTwoReplicasIngestingTheSameStore() throws Exception {
        Path chromium = HeadlessChromium.find();
        if (chromium == null) {
            Assumptions.assumeFalse(System.getenv("CI") == null, "Chromium is not installed");
            throw new AssertionError("Chromium is required in CI and was not found");
        }
        ServiceProcess a = instances.get(0);
        ServiceProcess b = instances.get(1);
        String token = JSON.readTree(post(a, "/api/v1/auth/login", null, null,
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}").body()).get("access_token").asText();
        String store = "al2-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, post(a, "/api/v1/stores", token, null, "{\"id\":\"" + store + "\",\"name\":\"Two\",\"timezone\":\"UTC\",\"capacity\":100}")
                .statusCode());
        assertEquals(201, post(a, "/api/v1/stores/" + store + "/alert-rules", token, null,
                "{\"type\":\"occupancy\",\"percent\":90,\"resolvePercent\":75,\"cooldown\":\"PT0S\"}").statusCode());
        String manager = "mgr-" + store;
        instances.sql("INSERT INTO users (username, password_hash, roles, stores) VALUES ('" + manager + "', 'x', '{manager}', '{" + store + "}')");
        long chat = 8_000_000_000L + System.nanoTime() % 1_000_000;
        assertEquals(201, post(b, "/api/v1/telegram/chats", token, null, "{\"chatId\":" + chat + ",\"username\":\"" + manager + "\"}").statusCode());
        assertEquals(200, post(a, "/api/v1/telegram/webhook", null, SECRET,
                TelegramUpdates.privateMessage(910_000_001L, chat, "/alerts on " + store)).statusCode());
        fake.awaitCalls("sendMessage", chat, 1, Duration.ofSeconds(20));

        LiveClient liveA = new LiveClient(vertx, a.uri("/"));
        LiveClient liveB = new LiveClient(vertx, b.uri("/"));
        BlockingQueue<JsonNode> onA = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> onB = new LinkedBlockingQueue<>();
        List<WebSocket> sockets = List.of(liveA.connect("/ws/alerts?storeId=" + store, token, onA),
                liveB.connect("/ws/alerts?storeId=" + store, token, onB));
        Path profile = Files.createTempDirectory("chromium-alerts");
        try (HeadlessChromium display = HeadlessChromium.open(chromium, profile, vertx,
                b.uri("/display/" + store + "?token=" + token).toString())) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> display.isHidden("status"));
            Thread.sleep(1500); // both rule books hold the new rules

            for (int round = 0; round < ROUNDS; round++) {
                both(a, b, token, store, 48, 0); // 96 of 100, through both instances at once
                int expected = round + 1;
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> instances.count("SELECT count(*) FROM alerts WHERE store_id = '" + store
                        + "' AND rule_type = 'occupancy'") == expected);
                if (round == 0) {
                    Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> String.valueOf(display.text("alert-strip")).contains("96 of 100"));
                }
                both(a, b, token, store, 0, 48);
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> instances.count("SELECT count(*) FROM alerts WHERE store_id = '" + store
                        + "' AND resolved_at IS NULL") == 0);
            }
            // The till: visitors (those above) and no sale; both instances check every 2 s, one alert fires. A sale resolves it.
            assertEquals(201, post(b, "/api/v1/stores/" + store + "/alert-rules", token, null,
                    "{\"type\":\"pos-silent\",\"minutes\":1,\"minVisitors\":5,\"cooldown\":\"PT0S\"}").statusCode());
            assertEquals(200, post(a, "/api/v1/traffic/events", token, null, reading(store, 6, 6)).statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> instances.count("SELECT count(*) FROM alerts WHERE store_id = '" + store
                    + "' AND rule_type = 'pos-silent'") == 1);
            Thread.sleep(4500); // two more checks on each instance while it is open
            assertEquals(200, post(b, "/api/v1/sales/events", token, null, "[{\"id\":\"" + UUID.randomUUID() + "\",\"storeId\":\"" + store
                    + "\",\"timestamp\":\"" + Instant.now().minusSeconds(2) + "\",\"amount\":\"9.99\",\"currency\":\"EUR\",\"items\":1,\"type\":\"sale\"}]")
                    .statusCode());
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> instances.count("SELECT count(*) FROM alerts WHERE store_id = '" + store
                    + "' AND resolved_at IS NULL") == 0);

            int alerts = ROUNDS + 1;
            assertEquals(alerts, instances.count("SELECT count(*) FROM alerts WHERE store_id = '" + store + "'"));
            Set<Long> ids = new TreeSet<>(instances.longs("SELECT id FROM alerts"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> of(onA, "alert-resolved").size() >= alerts
                    && of(onB, "alert-resolved").size() >= alerts
                    && String.valueOf(2 * alerts).equals(display.attribute("alerts", "data-received")));
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> fake.callsForChat("sendMessage", chat, true).size() >= 1 + 2 * alerts);
            Thread.sleep(3000); // anything doubled would have arrived by now
            for (BlockingQueue<JsonNode> socket : List.of(onA, onB)) {
                assertEquals(ids, new TreeSet<>(of(socket, "alert").stream().map(m -> m.get("alertId").asLong()).toList()));
                assertEquals(alerts, of(socket, "alert").size(), "each alert once on each socket");
                assertEquals(alerts, of(socket, "alert-resolved").size(), "each resolution once on each socket");
            }
            assertEquals(String.valueOf(2 * alerts), display.attribute("alerts", "data-received"), "the display page: each event once");
            assertEquals("No alerts", display.text("alerts"));
            List<String> texts = fake.callsForChat("sendMessage", chat, true).stream().map(c -> c.param("text")).toList();
            assertEquals(alerts, texts.stream().filter(t -> t.contains("Warning")).count(), "each alert once in Telegram: " + texts);
            assertEquals(alerts, texts.stream().filter(t -> t.contains("Resolved")).count(), "each resolution once in Telegram: " + texts);
            for (ServiceProcess instance : instances.all()) {
                assertEquals(List.of(), instance.errorLinesSince(0), "no ERROR in " + instance.log());
            }
        } finally {
            for (WebSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void both(ServiceProcess a, ServiceProcess b, String token, String store, int in, int out) throws Exception {
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> status(a, token, reading(store, in, out)));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> status(b, token, reading(store, in, out)));
        assertEquals(200, first.get(20, TimeUnit.SECONDS));
        assertEquals(200, second.get(20, TimeUnit.SECONDS));
    }

    private static int status(ServiceProcess instance, String token, String body) {
        try {
            return post(instance, "/api/v1/traffic/events", token, null, body).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reading(String store, int in, int out) {
        return "[{\"id\":\"" + UUID.randomUUID() + "\",\"storeId\":\"" + store + "\",\"sensorId\":\"door-1\",\"timestamp\":\""
                + Instant.now().minusSeconds(2) + "\",\"in\":" + in + ",\"out\":" + out + "}]";
    }

    private static List<JsonNode> of(BlockingQueue<JsonNode> messages, String type) {
        return messages.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }



    private static HttpResponse<String> post(ServiceProcess instance, String path, String token, String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}

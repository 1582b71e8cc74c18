package com.retailintelligence.alert;

import static com.retailintelligence.support.Api.as;
import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.support.Api;
import com.retailintelligence.support.LiveClient;
import com.retailintelligence.support.LogCapture;
import com.retailintelligence.support.Sql;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Each rule type on a scripted scenario: it fires once, stays single while its condition holds, and resolves when the
 * condition clears; one noisy window does not fire the anomaly rule; quiet hours and cooldowns hold; acknowledgement over
 * REST shows in the list and the audit log; a live subscriber gets each alert once, and never another store's.
 * Time-driven rules are checked with {@link ScheduledChecks#checkAll} at instants the test chooses (the schedule itself
 * is off in tests); every store's local time is near noon, so "today" and "open" never straddle a midnight.
 */
@QuarkusTest
class AlertScenariosTest {

    @Inject
    Pool pool;

    @Inject
    RuleBook rules;

    @Inject
    ScheduledChecks checks;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URI base;

    private LiveClient live;
    private String admin;

    @BeforeEach
    void setUp() {
        live = new LiveClient(vertx, base);
        admin = Api.adminToken();
    }

    /** A store whose local time is about noon now (whole-hour offset, so 15-minute windows align with UTC). */
    private String store(Integer capacity) {
        String id = Api.uniqueStoreId("alerts");
        int offset = 12 - Instant.now().atOffset(ZoneOffset.UTC).getHour();
        String zone = offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
        asAdmin().body("{\"id\":\"" + id + "\",\"name\":\"Store " + id + "\",\"timezone\":\"" + zone + "\",\"currency\":\"EUR\""
                + (capacity == null ? "" : ",\"capacity\":" + capacity) + "}").post("/api/v1/stores").then().statusCode(201);
        return id;
    }

    private long rule(String store, String json) {
        long id = ((Number) asAdmin().body(json).post("/api/v1/stores/" + store + "/alert-rules").then().statusCode(201)
                .extract().path("id")).longValue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rules.of(store).stream().anyMatch(r -> r.id() == id));
        return id;
    }

    private static String reading(String store, String sensor, Instant at, int in, int out) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"storeId\":\"" + store + "\",\"sensorId\":\"" + sensor + "\",\"timestamp\":\""
                + at + "\",\"in\":" + in + ",\"out\":" + out + "}";
    }

    private static void traffic(String store, Instant at, int in, int out) {
        postTraffic("[" + reading(store, "door-1", at, in, out) + "]").statusCode(200);
    }

    private static void sales(String store, Instant at, int count) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(sale(UUID.randomUUID().toString(), store, at.toString(), "10.00", "EUR", "sale"));
        }
        postSales(batch(list)).statusCode(200);
    }

    private List<JsonPath> alerts(String store) {
        JsonPath page = as(admin).queryParam("storeId", store).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        List<JsonPath> list = new ArrayList<>();
        for (int i = 0; i < page.getList("items").size(); i++) {
            list.add(new JsonPath(page.prettify()).setRootPath("items[" + i + "]"));
        }
        return list;
    }

    private void awaitAlerts(String store, int count, String latestStatus) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonPath> list = alerts(store);
            assertEquals(count, list.size(), "alerts of " + store);
            if (latestStatus != null) {
                assertEquals(latestStatus, list.get(0).getString("status"));
            }
        });
    }

    private static List<JsonNode> drain(BlockingQueue<JsonNode> messages, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode message : messages) {
            if (type.equals(message.path("type").asText())) {
                out.add(message);
            }
        }
        return out;
    }

    @Test
    void occupancyFiresOnTheCrossingEventOnceAndResolvesBelowTheLowerLevel() throws Exception {
        String store = store(100);
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = live.connect("/ws/alerts?storeId=" + store, admin, messages);
        try {
            long rule = rule(store, "{\"type\":\"occupancy\",\"percent\":90,\"resolvePercent\":75,\"cooldown\":\"PT0S\"}");
            Instant now = Instant.now().minusSeconds(5);
            traffic(store, now, 50, 0); // 50
            traffic(store, now, 45, 0); // 95: crosses 90
            awaitAlerts(store, 1, "open");
            traffic(store, now, 3, 0); // 98: still over, no second alert
            traffic(store, now, 0, 10); // 88: between the levels, still open
            Thread.sleep(500);
            awaitAlerts(store, 1, "open");
            JsonPath alert = alerts(store).get(0);
            assertEquals("occupancy", alert.getString("rule"));
            assertEquals(95, alert.getInt("values.occupancy"));
            assertEquals(100, alert.getInt("values.capacity"));
            assertTrue(alert.getString("message").contains("95 of 100"), alert.getString("message"));
            traffic(store, now, 0, 20); // 68: below 75
            awaitAlerts(store, 1, "resolved");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> drain(messages, "alert-resolved").size() == 1);
            Thread.sleep(300);
            List<JsonNode> fired = drain(messages, "alert");
            assertEquals(1, fired.size(), "one alert message: " + messages);
            JsonNode message = fired.get(0);
            assertEquals(store, message.get("storeId").asText());
            assertEquals(rule, message.get("ruleId").asLong());
            assertEquals("warning", message.get("severity").asText());
            assertEquals(95, message.get("values").get("occupancy").asInt());
            assertNotNull(message.get("firedAt"));
            assertEquals(message.get("alertId").asLong(), drain(messages, "alert-resolved").get(0).get("alertId").asLong());
            assertEquals(1, drain(messages, "alert-resolved").size());
        } finally {
            socket.close();
        }
    }

    @Test
    void aCooldownKeepsARuleQuietAfterItsAlertResolvesAndQuietHoursHoldItBack() {
        String cooling = store(100);
        rule(cooling, "{\"type\":\"occupancy\",\"percent\":90,\"resolvePercent\":75,\"cooldown\":\"PT1H\"}");
        Instant now = Instant.now().minusSeconds(5);
        traffic(cooling, now, 95, 0);
        awaitAlerts(cooling, 1, "open");
        traffic(cooling, now, 0, 30); // 65: resolves
        awaitAlerts(cooling, 1, "resolved");
        traffic(cooling, now, 30, 0); // 95 again, within the hour's cooldown
        traffic(cooling, now, 1, 0);
        sleep(800);
        awaitAlerts(cooling, 1, "resolved");

        String quiet = store(100);
        LocalTime local = LocalTime.of(12, 0); // the store's local time is about noon
        long rule = rule(quiet, "{\"type\":\"occupancy\",\"percent\":90,\"quietHours\":{\"from\":\"" + local.minusHours(2) + "\",\"to\":\""
                + local.plusHours(2) + "\"}}");
        traffic(quiet, now, 95, 0);
        sleep(800);
        awaitAlerts(quiet, 0, null);
        // The quiet hours lifted: the next reading over the level fires.
        asAdmin().body("{\"type\":\"occupancy\",\"percent\":90}").put("/api/v1/stores/" + quiet + "/alert-rules/" + rule)
                .then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rules.of(quiet).stream()
                .anyMatch(r -> r.id() == rule && r.rule().quietFrom() == null));
        traffic(quiet, now, 1, 0);
        awaitAlerts(quiet, 1, "open");
    }

    @Test
    void aSilentSensorFiresOnceWhileOpenAndResolvesWhenItReportsAgain() {
        String store = store(null);
        rule(store, "{\"type\":\"sensor-silent\",\"minutes\":10,\"severity\":\"critical\"}");
        Instant now = Instant.now();
        postTraffic("[" + reading(store, "door-1", now.minus(30, ChronoUnit.MINUTES), 3, 0) + ","
                + reading(store, "door-2", now.minusSeconds(30), 2, 0) + "]").statusCode(200);
        checks.checkAll(now).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "open");
        JsonPath alert = alerts(store).get(0);
        assertEquals("critical", alert.getString("severity"));
        assertEquals(List.of("door-1"), alert.getList("values.silentSensors.sensorId"));
        checks.checkAll(now.plusSeconds(60)).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "open");
        postTraffic("[" + reading(store, "door-1", now.plusSeconds(1), 1, 0) + "]").statusCode(200);
        checks.checkAll(now.plusSeconds(90)).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "resolved");
    }

    @Test
    void aSilentTillWithVisitorsComingFiresAndASaleResolvesIt() {
        String store = store(null);
        rule(store, "{\"type\":\"pos-silent\",\"minutes\":15,\"minVisitors\":10}");
        Instant now = Instant.now();
        traffic(store, now.minus(10, ChronoUnit.MINUTES), 6, 0);
        checks.checkAll(now).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 0, null); // 6 visitors: too few to tell
        traffic(store, now.minus(5, ChronoUnit.MINUTES), 6, 0);
        checks.checkAll(now).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "open");
        checks.checkAll(now.plusSeconds(30)).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "open");
        assertEquals(12, alerts(store).get(0).getInt("values.visitors"));
        sales(store, now.minusSeconds(10), 1);
        checks.checkAll(now.plusSeconds(40)).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "resolved");
    }

    @Test
    void aSaleInTheMinuteTheWindowStartsInResolvesASilentTill() {
        // The window of a one-minute rule, checked 3 s into a minute, starts 57 s into the one before: a sale late in that
        // minute lies in its bucket and must count (it once dropped out, and the alert stayed open until the next sale).
        String store = store(null);
        rule(store, "{\"type\":\"pos-silent\",\"minutes\":1,\"minVisitors\":5}");
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        traffic(store, minute.plusSeconds(1), 6, 6);
        checks.checkAll(minute.plusSeconds(2)).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "open");
        sales(store, minute.minusSeconds(1), 1);
        checks.checkAll(minute.plusSeconds(3)).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "resolved");
    }

    @Test
    void aConversionDropFiresWithEnoughVisitorsAndResolvesWhenSalesPickUp() {
        String store = store(null);
        rule(store, "{\"type\":\"conversion-drop\",\"percent\":20,\"minVisitors\":40}");
        Instant now = Instant.now();
        traffic(store, now.minus(40, ChronoUnit.MINUTES), 50, 0);
        sales(store, now.minus(20, ChronoUnit.MINUTES), 3);
        checks.checkAll(now).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "open");
        JsonPath alert = alerts(store).get(0);
        assertEquals(6.0f, alert.getFloat("values.conversionPercent"));
        checks.checkAll(now.plusSeconds(30)).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "open");
        sales(store, now.minus(1, ChronoUnit.MINUTES), 10); // 13 of 50: 26 %
        checks.checkAll(now.plusSeconds(60)).await().atMost(Duration.ofSeconds(10));
        awaitAlerts(store, 1, "resolved");
    }

    @Test
    void oneNoisyWindowDoesNotFireTheAnomalyRuleTwoInARowDo() {
        String store = store(null);
        rule(store, "{\"type\":\"traffic-anomaly\",\"windowMinutes\":15,\"factor\":2,\"consecutive\":2}");
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        // Four earlier weeks: 20 visitors in each quarter hour of those hours; today as scripted below.
        List<String> history = new ArrayList<>();
        for (int week = 1; week <= 4; week++) {
            for (int quarter = -1; quarter < 6; quarter++) {
                history.add(reading(store, "door-1", base.minus(7L * week, ChronoUnit.DAYS).plus(15L * quarter + 5, ChronoUnit.MINUTES), 20, 20));
            }
        }
        postTraffic(batch(history)).statusCode(200);
        int[] today = { 20, 100, 20, 100, 100, 20 }; // normal, one noisy window, normal, two high ones, normal
        List<String> readings = new ArrayList<>();
        for (int quarter = 0; quarter < today.length; quarter++) {
            readings.add(reading(store, "door-1", base.plus(15L * quarter + 5, ChronoUnit.MINUTES), today[quarter], today[quarter]));
        }
        postTraffic(batch(readings)).statusCode(200);
        int[] alertsAfter = { 0, 0, 0, 0, 1, 1 };
        String[] status = { null, null, null, null, "open", "resolved" };
        for (int quarter = 0; quarter < today.length; quarter++) {
            Instant judgedAt = base.plus(15L * (quarter + 1), ChronoUnit.MINUTES).plusSeconds(70);
            checks.checkAll(judgedAt).await().atMost(Duration.ofSeconds(10));
            checks.checkAll(judgedAt.plusSeconds(5)).await().atMost(Duration.ofSeconds(10)); // the same window again: judged once
            awaitAlerts(store, alertsAfter[quarter], status[quarter]);
        }
        JsonPath alert = alerts(store).get(0);
        assertEquals(2, alert.getInt("values.windowsInARow"));
        assertEquals(100, alert.getInt("values.visitors"));
        assertEquals(20.0f, alert.getFloat("values.usual"));
        assertEquals(4, alert.getInt("values.weeksCompared"));
    }

    @Test
    void acknowledgingShowsInTheListAndTheAuditLogAndBadInputChangesNothing() {
        String a = store(100);
        String b = store(100);
        rule(a, "{\"type\":\"occupancy\",\"percent\":90}");
        rule(b, "{\"type\":\"occupancy\",\"percent\":90}");
        Instant now = Instant.now().minusSeconds(5);
        traffic(a, now, 95, 0);
        traffic(b, now, 95, 0);
        awaitAlerts(a, 1, "open");
        awaitAlerts(b, 1, "open");
        long alertOfA = alerts(a).get(0).getLong("id");
        long alertOfB = alerts(b).get(0).getLong("id");
        String managerOfA = Api.tokenForNewUser(pool, Set.of(a), "manager");
        String viewerOfA = Api.tokenForNewUser(pool, Set.of(a), "viewer");
        try (LogCapture log = LogCapture.start()) {
            as(viewerOfA).post("/api/v1/alerts/" + alertOfA + "/ack").then().statusCode(403);
            as(managerOfA).post("/api/v1/alerts/" + alertOfB + "/ack").then().statusCode(404).contentType("application/problem+json");
            as(managerOfA).post("/api/v1/alerts/abc/ack").then().statusCode(404);
            as(managerOfA).post("/api/v1/alerts/0/ack").then().statusCode(404);
            for (String query : List.of("status=closed", "from=yesterday", "to=2026-13-01T00:00:00Z", "limit=0", "limit=201", "before=x",
                    "storeId=" + "x".repeat(65))) {
                as(managerOfA).get("/api/v1/alerts?" + query).then().statusCode(400).contentType("application/problem+json");
            }
            as(viewerOfA).queryParam("storeId", b).get("/api/v1/alerts").then().statusCode(404);
            assertEquals(List.of(), log.errorsAndStackTraces());
        }
        assertNull(Sql.query(pool, "SELECT acknowledged_by FROM alerts WHERE id = $1", alertOfB).iterator().next().getString(0));

        String managerName = usernameOf(managerOfA);
        as(managerOfA).post("/api/v1/alerts/" + alertOfA + "/ack").then().statusCode(200)
                .body("status", equalTo("acknowledged")).body("acknowledgedBy", equalTo(managerName));
        as(admin).post("/api/v1/alerts/" + alertOfA + "/ack").then().statusCode(200).body("acknowledgedBy", equalTo(managerName));
        as(viewerOfA).queryParam("status", "acknowledged").get("/api/v1/alerts").then().statusCode(200)
                .body("items.id", hasItem((int) alertOfA));
        // A viewer of A lists A's alerts only, with no store named.
        List<String> stores = as(viewerOfA).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath().getList("items.storeId");
        assertEquals(Set.of(a), Set.copyOf(stores));
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM audit_log WHERE action = 'alert.acknowledge' AND target = $1 AND actor = $2",
                "alert " + alertOfA, managerName));
        as(admin).queryParam("storeId", a).queryParam("status", "open").get("/api/v1/alerts").then().body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void aSubscriberGetsEachAlertOnceAndNeverAnotherStoresAlerts() throws Exception {
        String a = store(100);
        String b = store(100);
        rule(a, "{\"type\":\"occupancy\",\"percent\":90,\"cooldown\":\"PT0S\"}");
        rule(b, "{\"type\":\"occupancy\",\"percent\":90,\"cooldown\":\"PT0S\"}");
        String viewerOfA = Api.tokenForNewUser(pool, Set.of(a), "viewer");
        String displayOfB = Api.tokenForNewUser(pool, Set.of(b), "display");
        BlockingQueue<JsonNode> ofA = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> ofB = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> everything = new LinkedBlockingQueue<>();
        List<WebSocket> sockets = List.of(live.connect("/ws/alerts", viewerOfA, ofA), live.connect("/ws/alerts", displayOfB, ofB),
                live.connect("/ws/alerts", admin, everything));
        try {
            Instant now = Instant.now().minusSeconds(5);
            for (int round = 0; round < 3; round++) {
                traffic(a, now, 95, 0);
                traffic(b, now, 95, 0);
                awaitAlerts(a, round + 1, "open");
                awaitAlerts(b, round + 1, "open");
                traffic(a, now, 0, 95);
                traffic(b, now, 0, 95);
                awaitAlerts(a, round + 1, "resolved");
                awaitAlerts(b, round + 1, "resolved");
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> drain(ofA, "alert-resolved").size() == 3
                    && drain(ofB, "alert-resolved").size() == 3);
            Thread.sleep(300);
            for (BlockingQueue<JsonNode> queue : List.of(ofA, ofB)) {
                String own = queue == ofA ? a : b;
                List<JsonNode> events = new ArrayList<>(drain(queue, "alert"));
                events.addAll(drain(queue, "alert-resolved"));
                assertEquals(6, events.size(), "three alerts, three resolutions");
                assertTrue(events.stream().allMatch(m -> m.get("storeId").asText().equals(own)), "only its own store: " + events);
                assertEquals(3, drain(queue, "alert").stream().map(m -> m.get("alertId").asLong()).distinct().count());
            }
            long adminSees = drain(everything, "alert").stream().filter(m -> Set.of(a, b).contains(m.get("storeId").asText())).count();
            assertEquals(6, adminSees);
        } finally {
            for (WebSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** The principal a token names (its {@code upn}). */
    static String usernameOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return new JsonPath(payload).getString("upn");
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

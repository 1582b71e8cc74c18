package com.retailintelligence.access;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.traffic;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.LocalServices;
import com.retailintelligence.support.Sql;
import com.retailintelligence.support.WsUpgrade;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** Every audited action leaves exactly one row, found by its request id; the log is append-only for the service. */
@QuarkusTest
class AuditLogTest {

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URI base;

    /** A client address of this test's own: denials are folded per source and minute, and other tests share 127.0.0.1. */
    private final String source = "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);

    private RequestSpecification with(String requestId, String token) {
        RequestSpecification spec = given().contentType(ContentType.JSON).header("X-Request-Id", requestId)
                .header("X-Forwarded-For", source);
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    private long rows(String requestId) {
        return Sql.count(pool, "SELECT count(*) FROM audit_log WHERE request_id = $1", requestId);
    }

    private String row(String requestId) {
        return Sql.query(pool, "SELECT actor || '|' || interface || '|' || action || '|' || coalesce(target, '') || '|' || result "
                + "FROM audit_log WHERE request_id = $1", requestId).iterator().next().getString(0);
    }

    @Test
    void everyActionLeavesExactlyOneRow() throws Exception {
        String admin = Api.adminToken();
        String store = uniqueStoreId("audit");
        String other = uniqueStoreId("audit-other");
        createStore(other, "UTC", "EUR");
        String viewer = Api.tokenForNewUser(pool, Set.of(other), "viewer");
        String user = "audited-" + UUID.randomUUID().toString().substring(0, 8);

        // action -> (request, the audit row it must leave: actor|interface|action|target|result)
        Map<String, Consumer<String>> actions = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        actions.put("store create", id -> with(id, admin).body("{\"id\":\"" + store + "\",\"name\":\"A\",\"timezone\":\"UTC\"}")
                .post("/api/v1/stores").then().statusCode(201));
        expected.put("store create", "admin|rest|store.create|" + store + "|success");
        actions.put("store update", id -> with(id, admin).body("{\"name\":\"B\",\"timezone\":\"UTC\"}").put("/api/v1/stores/" + store)
                .then().statusCode(200));
        expected.put("store update", "admin|rest|store.update|" + store + "|success");
        actions.put("user create", id -> with(id, admin).body("{\"username\":\"" + user + "\",\"password\":\"long-password-1\","
                + "\"roles\":[\"viewer\"],\"stores\":[\"" + store + "\"]}").post("/api/v1/auth/users").then().statusCode(201));
        expected.put("user create", "admin|rest|user.create|" + user + "|success");
        actions.put("login", id -> with(id, null).body("{\"username\":\"" + user + "\",\"password\":\"long-password-1\"}")
                .post("/api/v1/auth/login").then().statusCode(200));
        expected.put("login", user + "|rest|auth.login|" + user + "|success");
        actions.put("login failure", id -> with(id, null).body("{\"username\":\"" + user + "\",\"password\":\"wrong-password\"}")
                .post("/api/v1/auth/login").then().statusCode(401));
        expected.put("login failure", user + "|rest|auth.login|" + user + "|failure");
        actions.put("user update", id -> with(id, admin).body("{\"roles\":[\"manager\"]}").patch("/api/v1/auth/users/" + user)
                .then().statusCode(200));
        expected.put("user update", "admin|rest|user.update|" + user + "|success");
        actions.put("user disable", id -> with(id, admin).body("{\"disabled\":true}").patch("/api/v1/auth/users/" + user)
                .then().statusCode(200));
        expected.put("user disable", "admin|rest|user.disable|" + user + "|success");
        actions.put("key create", id -> with(id, admin).body("{\"name\":\"k\",\"roles\":[\"ingest\"],\"stores\":[\"" + store + "\"]}")
                .post("/api/v1/auth/api-keys").then().statusCode(201));
        expected.put("key create", "admin|rest|apikey.create|");
        actions.put("rebuild", id -> with(id, admin).queryParam("storeId", store).post("/api/v1/admin/aggregates/rebuild")
                .then().statusCode(200));
        expected.put("rebuild", "admin|rest|aggregates.rebuild|" + store + "|success");
        actions.put("denied by role", id -> with(id, viewer).get("/api/v1/auth/users").then().statusCode(403));
        expected.put("denied by role", "|rest|access.denied|GET /api/v1/auth/users|denied");
        actions.put("denied by scope (read)", id -> with(id, viewer).get("/api/v1/traffic/" + store).then().statusCode(404));
        expected.put("denied by scope (read)", "|rest|access.denied|GET /api/v1/traffic/" + store + "|denied");
        actions.put("denied without token", id -> with(id, null).get("/api/v1/stores").then().statusCode(401));
        expected.put("denied without token", "anonymous|rest|access.denied|GET /api/v1/stores|denied");
        actions.put("denied live feed", id -> assertEquals(403, upgrade(id, viewer, "/ws/traffic/realtime?storeId=" + store)));
        expected.put("denied live feed", "|websocket|access.denied|GET /ws/traffic/realtime|denied");
        actions.put("denied live feed without token", id -> assertEquals(401, upgrade(id, null, "/ws/alerts")));
        expected.put("denied live feed without token", "anonymous|websocket|access.denied|GET /ws/alerts|denied");
        actions.put("denied live feed with a garbage token", id -> assertEquals(401, upgrade(id, "garbage", "/ws/sales/live")));
        expected.put("denied live feed with a garbage token", "anonymous|websocket|access.denied|GET /ws/sales/live|denied");
        actions.put("store delete", id -> with(id, admin).queryParam("force", true).delete("/api/v1/stores/" + store)
                .then().statusCode(204));
        expected.put("store delete", "admin|rest|store.delete|" + store + "|success");

        for (Map.Entry<String, Consumer<String>> action : actions.entrySet()) {
            String requestId = "audit-" + UUID.randomUUID();
            action.getValue().accept(requestId);
            // Denials are written without holding up the answer: wait for the row, then make sure it stays one.
            Awaitility.await(action.getKey()).atMost(Duration.ofSeconds(10)).until(() -> rows(requestId) >= 1);
            TimeUnit.MILLISECONDS.sleep(200);
            assertEquals(1, rows(requestId), action.getKey() + ": exactly one audit row");
            String row = row(requestId);
            assertTrue(row.contains(expected.get(action.getKey())), action.getKey() + ": " + row);
        }
    }

    private int upgrade(String requestId, String token, String path) {
        return WsUpgrade.status(vertx, WsUpgrade.options(base, path, token).addHeader("X-Request-Id", requestId)
                .addHeader("X-Forwarded-For", source));
    }

    @Test
    void theServiceRoleCannotRewriteHistory() {
        Api.asAdmin().get("/api/v1/stores").then().statusCode(200); // at least the admin's logins are there
        long before = Sql.count(pool, "SELECT count(*) FROM audit_log");
        assertTrue(before > 0);
        for (String statement : List.of("UPDATE audit_log SET result = 'success'", "DELETE FROM audit_log",
                "TRUNCATE audit_log")) {
            Exception failure = assertThrows(Exception.class, () -> Sql.query(pool, statement), statement);
            assertTrue(String.valueOf(failure.getMessage()).contains("permission denied"), statement + ": " + failure.getMessage());
        }
        assertTrue(Sql.count(pool, "SELECT count(*) FROM audit_log") >= before);
    }

    @Test
    void adminsReadTheLogWithFiltersAndPages() {
        String requestId = "audit-read-" + UUID.randomUUID();
        with(requestId, null).body("{\"username\":\"admin\",\"password\":\"" + LocalServices.ADMIN_PASSWORD + "\"}")
                .post("/api/v1/auth/login").then().statusCode(200);
        Api.asAdmin().queryParam("action", "auth.login").queryParam("actor", "admin").queryParam("limit", 2)
                .get("/api/v1/audit").then().statusCode(200)
                .body("items", hasSize(2)).body("items.action", everyItem(equalTo("auth.login")))
                .body("items.interface", everyItem(equalTo("rest")));
        Integer next = Api.asAdmin().queryParam("action", "auth.login").queryParam("limit", 1).get("/api/v1/audit")
                .then().statusCode(200).extract().path("nextBefore");
        Api.asAdmin().queryParam("action", "auth.login").queryParam("limit", 5).queryParam("before", next).get("/api/v1/audit")
                .then().statusCode(200).body("items.id", everyItem(lessThan(next)));
        Api.asAdmin().queryParam("from", Instant.now().minusSeconds(3600).toString()).get("/api/v1/audit")
                .then().statusCode(200).body("items.requestId", hasItem(requestId));
        Api.asAdmin().queryParam("limit", 0).queryParam("result", "maybe").queryParam("from", "yesterday")
                .queryParam("interface", "fax").get("/api/v1/audit").then().statusCode(400)
                .contentType("application/problem+json");
        Api.asAdmin().queryParam("before", batch(List.of(traffic("x", "y", "z", 1, 0)))).get("/api/v1/audit").then().statusCode(400);
    }
}

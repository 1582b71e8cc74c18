package com.retailintelligence.access;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.WsUpgrade;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Each role against each endpoint family, every answer checked: the role model of docs/security.md as a
 * table. Every non-admin principal here is assigned the one store the requests name.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final List<String> ROLES = List.of("admin", "manager", "viewer", "ingest", "display");

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URI base;

    private String store;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    @BeforeEach
    void principals() {
        store = uniqueStoreId("matrix");
        createStore(store, "UTC", "EUR");
        tokens.put("admin", Api.adminToken());
        for (String role : ROLES.subList(1, ROLES.size())) {
            tokens.put(role, Api.tokenForNewUser(pool, Set.of(store), role));
        }
    }

    /** One request of a family, made with a token, and the status each role must get. */
    private record Case(String name, Function<RequestSpecification, Integer> call, Map<String, Integer> expected) {
    }

    private static Map<String, Integer> expect(int admin, int manager, int viewer, int ingest, int display) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("admin", admin);
        m.put("manager", manager);
        m.put("viewer", viewer);
        m.put("ingest", ingest);
        m.put("display", display);
        return m;
    }

    private static String now() {
        return Instant.now().minusSeconds(60).toString();
    }

    @Test
    void everyRoleGetsExactlyTheAnswerItShould() {
        String s = store;
        List<Case> cases = List.of(
                new Case("list stores", r -> r.get("/api/v1/stores").statusCode(), expect(200, 200, 200, 403, 200)),
                new Case("read store", r -> r.get("/api/v1/stores/" + s).statusCode(), expect(200, 200, 200, 403, 200)),
                new Case("create store", r -> r.body("{\"id\":\"" + uniqueStoreId("m") + "\",\"name\":\"n\",\"timezone\":\"UTC\"}")
                        .post("/api/v1/stores").statusCode(), expect(201, 403, 403, 403, 403)),
                new Case("update store", r -> r.body("{\"name\":\"Renamed\",\"timezone\":\"UTC\"}").put("/api/v1/stores/" + s)
                        .statusCode(), expect(200, 200, 403, 403, 403)),
                new Case("delete store", r -> r.delete("/api/v1/stores/no-such-store").statusCode(), expect(404, 403, 403, 403, 403)),
                new Case("traffic day", r -> r.get("/api/v1/traffic/" + s).statusCode(), expect(200, 200, 200, 403, 200)),
                new Case("sales day", r -> r.get("/api/v1/sales/" + s).statusCode(), expect(200, 200, 200, 403, 403)),
                new Case("traffic ingest", r -> r.body(batch(List.of(traffic("t-" + System.nanoTime(), s, now(), 1, 0))))
                        .post("/api/v1/traffic/events").statusCode(), expect(200, 403, 403, 200, 403)),
                new Case("sales ingest", r -> r.body(batch(List.of(sale("s-" + System.nanoTime(), s, now(), "1.00", "EUR", "sale"))))
                        .post("/api/v1/sales/events").statusCode(), expect(200, 403, 403, 200, 403)),
                new Case("admin rebuild", r -> r.queryParam("storeId", s).post("/api/v1/admin/aggregates/rebuild").statusCode(),
                        expect(200, 403, 403, 403, 403)),
                new Case("list users", r -> r.get("/api/v1/auth/users").statusCode(), expect(200, 403, 403, 403, 403)),
                new Case("list imports", r -> r.get("/api/v1/imports").statusCode(), expect(200, 403, 403, 403, 403)),
                new Case("import progress", r -> r.get("/api/v1/imports/" + java.util.UUID.randomUUID()).statusCode(),
                        expect(404, 403, 403, 403, 403)),
                new Case("list api keys", r -> r.get("/api/v1/auth/api-keys").statusCode(), expect(200, 200, 403, 403, 403)),
                new Case("audit log", r -> r.get("/api/v1/audit").statusCode(), expect(200, 403, 403, 403, 403)),
                new Case("analytics summary", r -> r.get("/api/v1/analytics/" + s + "/summary").statusCode(), expect(200, 200, 200, 403, 403)),
                new Case("analytics hourly", r -> r.get("/api/v1/analytics/" + s + "/hourly").statusCode(), expect(200, 200, 200, 403, 403)),
                new Case("analytics range", r -> r.queryParam("from", "2026-11-01").queryParam("to", "2026-11-30")
                        .get("/api/v1/analytics/" + s + "/range").statusCode(), expect(200, 200, 200, 403, 403)),
                new Case("analytics across stores", r -> r.get("/api/v1/analytics/summary").statusCode(), expect(200, 200, 200, 403, 403)),
                new Case("daily report", r -> r.queryParam("format", "csv").get("/api/v1/reports/" + s + "/daily").statusCode(),
                        expect(200, 200, 200, 403, 403)),
                new Case("weekly report", r -> r.get("/api/v1/reports/" + s + "/weekly").statusCode(), expect(200, 200, 200, 403, 403)),
                new Case("report across stores", r -> r.queryParam("format", "csv").get("/api/v1/reports/summary").statusCode(),
                        expect(200, 200, 200, 403, 403)),
                new Case("read targets", r -> r.get("/api/v1/stores/" + s + "/targets").statusCode(), expect(200, 200, 200, 403, 403)),
                new Case("set targets", r -> r.body("{\"monday\": {\"visitors\": 10}}").put("/api/v1/stores/" + s + "/targets").statusCode(),
                        expect(200, 200, 403, 403, 403)),
                new Case("set opening hours", r -> r.body("{\"monday\": {\"opens\": \"09:00\", \"closes\": \"18:00\"}}")
                        .put("/api/v1/stores/" + s + "/opening-hours").statusCode(), expect(200, 200, 403, 403, 403)),
                new Case("list alert rules", r -> r.get("/api/v1/stores/" + s + "/alert-rules").statusCode(), expect(200, 200, 403, 403, 403)),
                new Case("add alert rule", r -> r.body("{\"type\":\"sensor-silent\",\"minutes\":30,\"enabled\":false}")
                        .post("/api/v1/stores/" + s + "/alert-rules").statusCode(), expect(201, 201, 403, 403, 403)),
                new Case("list alerts", r -> r.get("/api/v1/alerts").statusCode(), expect(200, 200, 200, 403, 200)),
                new Case("acknowledge alert", r -> r.post("/api/v1/alerts/999999999/ack").statusCode(), expect(404, 404, 403, 403, 403)));
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            for (String role : ROLES) {
                int status = c.call().apply(Api.as(tokens.get(role)));
                if (status != c.expected().get(role)) {
                    wrong.add(c.name() + " as " + role + ": " + status + " (expected " + c.expected().get(role) + ")");
                }
            }
            int anonymous = c.call().apply(given().contentType(ContentType.JSON));
            if (anonymous != 401) {
                wrong.add(c.name() + " without a token: " + anonymous + " (expected 401)");
            }
        }
        Map<String, Integer> live = expect(101, 101, 101, 403, 101);
        for (String role : ROLES) {
            int status = WsUpgrade.status(vertx, base, "/ws/traffic/realtime?storeId=" + s, tokens.get(role));
            if (status != live.get(role)) {
                wrong.add("live feed as " + role + ": " + status + " (expected " + live.get(role) + ")");
            }
        }
        if (WsUpgrade.status(vertx, base, "/ws/traffic/realtime?storeId=" + s, null) != 401) {
            wrong.add("live feed without a token: not 401");
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void badTokensAreUnauthorizedEverywhere() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String valid = tokens.get("admin");
        String tampered = valid.substring(0, valid.lastIndexOf('.')) + "." + new StringBuilder(
                valid.substring(valid.lastIndexOf('.') + 1)).reverse();
        String[] payload = valid.split("\\.");
        String alterdPayload = payload[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(payload[1])).replace("\"admin\"", "\"root\"").getBytes())
                + "." + payload[2];
        String algNone = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + payload[1] + ".";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("expired", Jwt.issuer("retail-intelligence").audience("retail-intelligence-api").upn("admin").groups("admin")
                .issuedAt(now - 3600).expiresAt(now - 1800).sign());
        bad.put("tampered signature", tampered);
        bad.put("tampered claims", alterdPayload);
        bad.put("wrong issuer", Jwt.issuer("someone-else").audience("retail-intelligence-api").upn("admin").groups("admin")
                .expiresIn(600).sign());
        bad.put("alg none", algNone);
        bad.put("another key", Jwt.issuer("retail-intelligence").audience("retail-intelligence-api").upn("admin")
                .groups("admin").expiresIn(600).sign(generator.generateKeyPair().getPrivate()));
        bad.put("unknown API key", "ri_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> token : bad.entrySet()) {
            for (String path : List.of("/api/v1/stores", "/api/v1/traffic/" + store, "/api/v1/audit")) {
                int status = Api.as(token.getValue()).get(path).statusCode();
                if (status != 401) {
                    wrong.add(token.getKey() + " on " + path + ": " + status);
                }
            }
            int live = WsUpgrade.status(vertx, base, "/ws/traffic/realtime?storeId=" + store, token.getValue());
            if (live != 401) {
                wrong.add(token.getKey() + " on the live feed: " + live);
            }
        }
        assertEquals(List.of(), wrong);
    }
}

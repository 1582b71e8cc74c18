package com.retailintelligence.access;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.traffic;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.Sql;
import com.retailintelligence.support.WsUpgrade;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** API keys: shown once, stored as a hash, usable as Bearer or X-API-Key, revocable, expiring. */
@QuarkusTest
class ApiKeyTest {

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URI base;

    private static String now() {
        return Instant.now().minusSeconds(60).toString();
    }

    private ExtractableResponse<Response> create(String body) {
        return Api.asAdmin().body(body).post("/api/v1/auth/api-keys").then().statusCode(201).extract();
    }

    @Test
    void keyIsShownOnceWorksBothWaysAndIsStoredOnlyAsAHash() {
        String store = uniqueStoreId("key");
        createStore(store, "UTC", "EUR");
        ExtractableResponse<Response> created = create("{\"name\":\"entrance counter\",\"roles\":[\"ingest\"],\"stores\":[\""
                + store + "\"]}");
        String key = created.path("key");
        String id = created.path("id");
        assertEquals("/api/v1/auth/api-keys/" + id, URI.create(created.header("Location")).getPath());
        org.hamcrest.MatcherAssert.assertThat(key, startsWith("ri_"));
        assertEquals(created.path("apiKey.prefix"), key.substring(0, 11));

        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key)
                .body(batch(List.of(traffic("k1", store, now(), 2, 0)))).post("/api/v1/traffic/events")
                .then().statusCode(200).body("accepted", equalTo(1));
        given().contentType(ContentType.JSON).header("X-API-Key", key)
                .body(batch(List.of(traffic("k2", store, now(), 2, 0)))).post("/api/v1/traffic/events")
                .then().statusCode(200).body("accepted", equalTo(1));

        // Listed without the secret; the database holds a hash and the prefix, never the key.
        Api.asAdmin().get("/api/v1/auth/api-keys").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.prefix", equalTo(key.substring(0, 11)))
                .body("find { it.id == '" + id + "' }.roles", containsInAnyOrder("ingest"))
                .body("find { it.id == '" + id + "' }.lastUsedAt", notNullValue())
                .body("find { it.id == '" + id + "' }.key", nullValue());
        assertFalse(Sql.query(pool, "SELECT row_to_json(k)::text FROM api_keys k WHERE id = $1::uuid", id).iterator().next()
                .getString(0).contains(key.substring(12)), "the secret part is nowhere in the row");
    }

    @Test
    void revokedOrExpiredKeysAreUnauthorized() {
        String store = uniqueStoreId("key-rev");
        createStore(store, "UTC", "EUR");
        ExtractableResponse<Response> created = create("{\"name\":\"screen\",\"roles\":[\"display\"],\"stores\":[\"" + store + "\"]}");
        String key = created.path("key");
        String id = created.path("id");
        given().header("X-API-Key", key).get("/api/v1/traffic/" + store).then().statusCode(200);
        assertEquals(101, WsUpgrade.status(vertx, base, "/ws/traffic/realtime?storeId=" + store + "&access_token=" + key, null));

        Api.asAdmin().delete("/api/v1/auth/api-keys/" + id).then().statusCode(204);
        given().header("X-API-Key", key).get("/api/v1/traffic/" + store).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + key).get("/api/v1/traffic/" + store).then().statusCode(401);
        assertEquals(401, WsUpgrade.status(vertx, base, "/ws/traffic/realtime?storeId=" + store + "&access_token=" + key, null));
        Api.asAdmin().delete("/api/v1/auth/api-keys/" + id).then().statusCode(204); // revoking twice is harmless

        String expiring = create("{\"name\":\"temp\",\"roles\":[\"viewer\"],\"stores\":[\"" + store + "\"],\"expiresAt\":\""
                + Instant.now().plusSeconds(3600) + "\"}").path("key");
        given().header("X-API-Key", expiring).get("/api/v1/traffic/" + store).then().statusCode(200);
        Sql.query(pool, "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE prefix = $1", expiring.substring(0, 11));
        given().header("X-API-Key", expiring).get("/api/v1/traffic/" + store).then().statusCode(401);

        // A well-formed key with the wrong secret is unknown too.
        given().header("X-API-Key", expiring.substring(0, 12) + "x".repeat(32)).get("/api/v1/stores").then().statusCode(401);
    }

    @Test
    void badRequestsChangeNothing() {
        String store = uniqueStoreId("key-bad");
        createStore(store, "UTC", "EUR");
        long before = Sql.count(pool, "SELECT count(*) FROM api_keys");
        Api.asAdmin().body("{\"roles\":[\"viewer\"],\"stores\":[\"" + store + "\"]}").post("/api/v1/auth/api-keys")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("name"));
        Api.asAdmin().body("{\"name\":\"k\",\"roles\":[\"superuser\"],\"stores\":[\"" + store + "\"]}").post("/api/v1/auth/api-keys")
                .then().statusCode(400).body("errors.field", hasItem("roles"));
        Api.asAdmin().body("{\"name\":\"k\",\"roles\":[\"viewer\"],\"stores\":[]}").post("/api/v1/auth/api-keys")
                .then().statusCode(400).body("errors.field", hasItem("stores"));
        Api.asAdmin().body("{\"name\":\"k\",\"roles\":[\"viewer\"],\"stores\":[\"no-such-store\"]}").post("/api/v1/auth/api-keys")
                .then().statusCode(400).body("errors.field", hasItem("stores"));
        Api.asAdmin().body("{\"name\":\"k\",\"roles\":[\"viewer\"],\"stores\":[\"" + store + "\"],\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
                .post("/api/v1/auth/api-keys").then().statusCode(400).body("errors.field", hasItem("expiresAt"));
        Api.asAdmin().body("{\"name\":\"k\",\"roles\":\"viewer\"}").post("/api/v1/auth/api-keys").then().statusCode(400);
        Api.asAdmin().body("{not json").post("/api/v1/auth/api-keys").then().statusCode(400);
        assertEquals(before, Sql.count(pool, "SELECT count(*) FROM api_keys"));
        Api.asAdmin().delete("/api/v1/auth/api-keys/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        Api.asAdmin().delete("/api/v1/auth/api-keys/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void managersSeeAndRevokeOnlyTheirOwnKeys() {
        String store = uniqueStoreId("key-mgr");
        createStore(store, "UTC", "EUR");
        String managerA = Api.tokenForNewUser(pool, Set.of(store), "manager");
        String managerB = Api.tokenForNewUser(pool, Set.of(store), "manager");
        String id = Api.as(managerA).body("{\"name\":\"a's\",\"roles\":[\"display\"],\"stores\":[\"" + store + "\"]}")
                .post("/api/v1/auth/api-keys").then().statusCode(201).extract().path("id");
        Api.as(managerA).get("/api/v1/auth/api-keys").then().statusCode(200).body("id", hasItem(id));
        Api.as(managerB).get("/api/v1/auth/api-keys").then().statusCode(200).body("id", not(hasItem(id)));
        String requestId = "deny-" + java.util.UUID.randomUUID();
        Api.as(managerB).header("X-Request-Id", requestId).delete("/api/v1/auth/api-keys/" + id).then().statusCode(404);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> Sql.count(pool,
                "SELECT count(*) FROM audit_log WHERE request_id = $1 AND action = 'access.denied' AND result = 'denied'",
                requestId) == 1);
        Api.as(managerA).delete("/api/v1/auth/api-keys/" + id).then().statusCode(204);
    }
}

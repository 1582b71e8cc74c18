package com.retailintelligence.access;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.support.Api;
import com.retailintelligence.support.LiveClient;
import com.retailintelligence.support.Sql;
import com.retailintelligence.support.WsUpgrade;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.mutiny.sqlclient.Pool;

/** A manager of store A cannot read, subscribe to or ingest for store B — through REST, WebSocket or an API key. */
@QuarkusTest
class StoreScopeTest {

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URI base;

    private String storeA;
    private String storeB;
    private String manager;

    private LiveClient live;

    @BeforeEach
    void twoStores() {
        live = new LiveClient(vertx, base);
        storeA = uniqueStoreId("scope-a");
        storeB = uniqueStoreId("scope-b");
        createStore(storeA, "UTC", "EUR");
        createStore(storeB, "UTC", "EUR");
        manager = Api.tokenForNewUser(pool, Set.of(storeA), "manager");
    }

    private static String now() {
        return Instant.now().minusSeconds(60).toString();
    }

    @Test
    void managerOfANeitherReadsNorSeesB() {
        Api.as(manager).get("/api/v1/stores/" + storeA).then().statusCode(200);
        // Another store answers exactly like a store that does not exist.
        Api.as(manager).get("/api/v1/stores/" + storeB).then().statusCode(404).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("No store with id '" + storeB + "'."));
        Api.as(manager).get("/api/v1/traffic/" + storeB).then().statusCode(404);
        Api.as(manager).get("/api/v1/sales/" + storeB).then().statusCode(404);
        Api.as(manager).body("{\"name\":\"Mine now\",\"timezone\":\"UTC\"}").put("/api/v1/stores/" + storeB).then().statusCode(404);
        Api.as(manager).get("/api/v1/stores").then().statusCode(200)
                .body("id", hasItem(storeA)).body("id", not(hasItem(storeB)));
        Api.asAdmin().get("/api/v1/stores/" + storeB).then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo(storeB));
    }

    @Test
    void managerOfACannotSubscribeToB() {
        assertEquals(101, WsUpgrade.status(vertx, base, "/ws/traffic/realtime?storeId=" + storeA, manager));
        assertEquals(403, WsUpgrade.status(vertx, base, "/ws/traffic/realtime?storeId=" + storeB, manager));
        assertEquals(403, WsUpgrade.status(vertx, base, "/ws/sales/live?storeId=" + storeB, manager));
    }

    @Test
    void ingestForBIsRefusedWholeWithAUserTokenOrAnApiKey() {
        String ingestUser = Api.tokenForNewUser(pool, Set.of(storeA), "ingest");
        String mixed = batch(List.of(traffic("x-1", storeA, now(), 1, 0), traffic("x-2", storeB, now(), 1, 0)));
        Api.as(ingestUser).body(mixed).post("/api/v1/traffic/events").then().statusCode(403)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString(storeB));
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = ANY($1)",
                (Object) new String[] { storeA, storeB }), "nothing of a refused batch is stored");

        // A key the manager makes for A: works for A, refused for B.
        String key = Api.as(manager).body("{\"name\":\"door counter\",\"roles\":[\"ingest\"],\"stores\":[\"" + storeA + "\"]}")
                .post("/api/v1/auth/api-keys").then().statusCode(201).extract().path("key");
        given().contentType(ContentType.JSON).header("X-API-Key", key)
                .body(batch(List.of(sale("k-1", storeA, now(), "2.00", "EUR", "sale"))))
                .post("/api/v1/sales/events").then().statusCode(200);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key)
                .body(batch(List.of(sale("k-2", storeB, now(), "2.00", "EUR", "sale"))))
                .post("/api/v1/sales/events").then().statusCode(403);
        given().header("X-API-Key", key).get("/api/v1/sales/" + storeA).then().statusCode(403); // ingest reads nothing
    }

    @Test
    void managerCannotGrantMoreThanTheyHave() {
        Api.as(manager).body("{\"name\":\"k\",\"roles\":[\"viewer\"],\"stores\":[\"" + storeB + "\"]}")
                .post("/api/v1/auth/api-keys").then().statusCode(403).contentType("application/problem+json");
        Api.as(manager).body("{\"name\":\"k\",\"roles\":[\"admin\"],\"stores\":[\"" + storeA + "\"]}")
                .post("/api/v1/auth/api-keys").then().statusCode(403);
        Api.as(manager).body("{\"name\":\"k\",\"roles\":[\"manager\"],\"stores\":[\"" + storeA + "\"]}")
                .post("/api/v1/auth/api-keys").then().statusCode(403);
        Api.as(manager).body("{\"username\":\"sneaky\",\"password\":\"long-enough-pw\",\"roles\":[\"admin\"]}")
                .post("/api/v1/auth/users").then().statusCode(403);
    }

    @Test
    void aFeedShowsOnlyTheStoresOfTheScope() throws Exception {
        String mine = uniqueStoreId("ws-mine");
        String other = uniqueStoreId("ws-other");
        createStore(mine, "UTC", "EUR");
        createStore(other, "UTC", "EUR");
        String viewer = Api.tokenForNewUser(pool, Set.of(mine), "viewer");

        // Another store, existing or not, is refused alike: the answer reveals nothing about it.
        assertEquals(403, LiveClient.refusedStatus(() -> live.connect("/ws/traffic/realtime?storeId=" + other, viewer,
                new LinkedBlockingQueue<>())));
        assertEquals(403, LiveClient.refusedStatus(() -> live.connect("/ws/traffic/realtime?storeId=" + mine + "&storeId=" + other,
                viewer, new LinkedBlockingQueue<>())));
        assertEquals(403, LiveClient.refusedStatus(() -> live.connect("/ws/traffic/realtime?storeId=no-such-store", viewer,
                new LinkedBlockingQueue<>())));
        // Ingest principals write events and read nothing, live feeds included.
        String ingest = Api.tokenForNewUser(pool, Set.of(mine), "ingest");
        assertEquals(403, LiveClient.refusedStatus(() -> live.connect("/ws/traffic/realtime?storeId=" + mine, ingest,
                new LinkedBlockingQueue<>())));
        // A principal with no store at all has nothing to subscribe to.
        String nobody = Api.tokenForNewUser(pool, "viewer");
        assertEquals(403, LiveClient.refusedStatus(() -> live.connect("/ws/traffic/realtime", nobody, new LinkedBlockingQueue<>())));

        // Without a filter: every store it may see, and only those.
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = live.connect("/ws/traffic/realtime", viewer, messages);
        try {
            JsonNode snapshot = messages.poll(10, TimeUnit.SECONDS);
            assertEquals("snapshot", snapshot.get("type").asText());
            assertEquals(mine, snapshot.get("storeId").asText());
            postTraffic(batch(List.of(traffic("o-1", other, now(), 1, 0)))).statusCode(200);
            postTraffic(batch(List.of(traffic("m-1", mine, now(), 1, 0)))).statusCode(200);
            JsonNode event = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(event);
            assertEquals("m-1", event.get("eventId").asText(), "the other store's event never arrives");
            assertNull(messages.poll(1, TimeUnit.SECONDS));
        } finally {
            socket.close();
        }
    }
}

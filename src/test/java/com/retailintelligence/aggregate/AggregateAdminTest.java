package com.retailintelligence.aggregate;

import static com.retailintelligence.support.Api.as;
import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.traffic;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.retailintelligence.access.Roles;
import com.retailintelligence.redis.RedisKeys;
import com.retailintelligence.support.Api;
import com.retailintelligence.support.RedisSnapshot;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class AggregateAdminTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 21);

    @Inject
    Pool pool;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    RedisKeys keys;

    @Test
    void rebuildOneStoreAndRange() {
        String store = uniqueStoreId("rebuild");
        createStore(store, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("r1", store, DAY + "T10:00:00Z", 3, 1),
                traffic("r2", store, DAY.plusDays(1) + "T10:00:00Z", 2, 0)))).statusCode(200);
        asAdmin().queryParam("storeId", store).queryParam("from", DAY.toString()).queryParam("to", DAY.toString())
                .post("/api/v1/admin/aggregates/rebuild")
                .then().statusCode(200).body("stores", equalTo(1), "storeDays", equalTo(1));
        asAdmin().queryParam("date", DAY.toString()).get("/api/v1/traffic/" + store).then().body("totals.visitors", equalTo(3));
    }

    @Test
    void rebuildRejectsBadInput() {
        asAdmin().queryParam("storeId", "no-such-store").post("/api/v1/admin/aggregates/rebuild")
                .then().statusCode(404).contentType("application/problem+json");
        asAdmin().queryParam("from", "soon").queryParam("to", "2026-13-01").post("/api/v1/admin/aggregates/rebuild")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("from", "to"));
        given().post("/api/v1/admin/aggregates/rebuild").then().statusCode(401);
        as(Api.tokenForNewUser(pool, Roles.MANAGER)).post("/api/v1/admin/aggregates/rebuild").then().statusCode(403);
    }

    @Test
    void forceDeleteRemovesTheStoresAggregatesFromRedis() {
        String store = uniqueStoreId("gone");
        createStore(store, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("g1", store, DAY + "T10:00:00Z", 3, 1)))).statusCode(200);
        assertEquals(3.0, RedisSnapshot.score(redis, keys.dayTotals(store, DAY), "visitors"));

        asAdmin().queryParam("force", true).delete("/api/v1/stores/" + store).then().statusCode(204);
        // The deletion is announced once committed; the aggregates drop the store's keys right after.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertEquals(0, redis.key().exists(keys.dayTotals(store, DAY), keys.series(store, DAY, Bucket.HOUR.key(), "visitors"))
                    .await().atMost(Duration.ofSeconds(10)));
            assertNull(redis.sortedSet(String.class).zscore(keys.visitorRanking(DAY), store).await().atMost(Duration.ofSeconds(10)));
        });
    }
}

package com.retailintelligence.aggregate;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.retailintelligence.redis.RedisKeys;
import com.retailintelligence.support.PrivateRedis;
import com.retailintelligence.support.RedisSnapshot;
import com.retailintelligence.support.Sql;
import com.retailintelligence.traffic.TrafficEvents;
import com.retailintelligence.traffic.TrafficReading;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/** Redis counts exactly what PostgreSQL holds whatever fails: Redis down, lost writes, FLUSHDB. */
@QuarkusTest
@TestProfile(RedisRecoveryTest.WithPrivateRedis.class)
class RedisRecoveryTest {

    private static final LocalDate DAY = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);

    /** A Redis of this test's own, which it stops and flushes; a fast sync. */
    public static class WithPrivateRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedis.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retail.aggregates.sync-interval", "1s");
        }
    }

    @Inject
    Pool pool;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    RedisKeys keys;
    @Inject
    TrafficEvents trafficEvents;
    @Inject
    RebuildService rebuild;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;
    @ConfigProperty(name = "retail.aggregates.key-prefix")
    String prefix;

    private long sqlVisitors(String store) {
        return Sql.count(pool, "SELECT sum(in_count) FROM traffic_events WHERE store_id = $1", store);
    }

    private double redisVisitors(String store) {
        return RedisSnapshot.score(redis, keys.dayTotals(store, DAY), Metrics.VISITORS);
    }

    private static String at(int hour) {
        return DAY + "T" + String.format("%02d", hour) + ":15:00Z";
    }

    @Test
    void countsCatchUpAfterRedisWasDownDuringIngest() {
        String store = uniqueStoreId("outage");
        createStore(store, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("before", store, at(9), 2, 0)))).statusCode(200);

        int port = PrivateRedis.portOf(redisHosts);
        PrivateRedis.shutdown(port);
        try {
            for (int i = 0; i < 5; i++) {
                postTraffic(batch(List.of(traffic("during-" + i, store, at(10 + i), 3, 1)))).statusCode(200)
                        .body("accepted", equalTo(1));
            }
            // Reads fall back to PostgreSQL while Redis is away.
            asAdmin().queryParam("date", DAY.toString()).get("/api/v1/traffic/" + store).then().statusCode(200)
                    .body("totals.visitors", equalTo(17));

            PrivateRedis.restart(port); // a fresh, empty Redis: it keeps nothing on disk
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> redisVisitors(store) == sqlVisitors(store));
            assertEquals(17, redisVisitors(store));
            assertEquals(3.0, RedisSnapshot.score(redis, keys.series(store, DAY, Bucket.HOUR.key(), Metrics.VISITORS),
                    Long.toString(java.time.Instant.parse(DAY + "T10:00:00Z").getEpochSecond())));
        } finally {
            if (!isUp(port)) {
                PrivateRedis.restart(port); // leave a Redis for the other tests of this profile
            }
        }
    }

    @Test
    void eventsCommittedWithoutTheirRedisWriteAreSyncedAnyway() {
        String store = uniqueStoreId("lostwrite");
        createStore(store, "UTC", "EUR");
        // As if the service died right after the PostgreSQL commit: insert without the Redis step.
        trafficEvents.insert(List.of(new TrafficReading("lost-1", store, "door-1", java.time.Instant.parse(at(12)), 4, 1)), com.retailintelligence.access.StoreScope.ALL)
                .await().atMost(Duration.ofSeconds(10));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> redisVisitors(store) == 4);
    }

    @Test
    void flushThenRebuildRestoresIdenticalNumbers() {
        List<String> stores = new ArrayList<>();
        for (String zone : new String[] { "Asia/Tokyo", "Europe/Lisbon" }) {
            String store = uniqueStoreId("flush");
            createStore(store, zone, "EUR");
            stores.add(store);
            List<String> readings = new ArrayList<>();
            List<String> sales = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                readings.add(traffic("f" + i, store, at(i % 24), i % 4, i % 3));
                sales.add(sale("s" + i, store, at((i * 7) % 24), (i + 1) + ".25", "EUR", i % 9 == 0 ? "refund" : "sale"));
            }
            postTraffic(batch(readings)).statusCode(200);
            postSales(batch(sales)).statusCode(200);
        }
        Map<String, Map<String, Double>> before = RedisSnapshot.take(redis, prefix, keys.syncState());
        assertFalse(before.isEmpty());

        redis.flushall().await().atMost(Duration.ofSeconds(10));
        asAdmin().post("/api/v1/admin/aggregates/rebuild").then().statusCode(200);
        assertEquals(before, RedisSnapshot.take(redis, prefix, keys.syncState()));

        // And without the rebuild, the sync alone restores them too.
        redis.flushall().await().atMost(Duration.ofSeconds(10));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> before.equals(RedisSnapshot.take(redis, prefix, keys.syncState())));
    }

    @Test
    void rebuildChecksItsParameters() {
        asAdmin().queryParam("from", "yesterday").post("/api/v1/admin/aggregates/rebuild").then().statusCode(400)
                .contentType("application/problem+json");
        asAdmin().queryParam("from", "2026-11-20").queryParam("to", "2026-11-19").post("/api/v1/admin/aggregates/rebuild")
                .then().statusCode(400);
    }

    private static boolean isUp(int port) {
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

package com.retailintelligence.redis;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.config.ConnectionUrls;
import com.retailintelligence.support.Api;
import com.retailintelligence.support.LiveClient;
import com.retailintelligence.support.LocalServices;
import com.retailintelligence.support.PrivateRedisCluster;
import com.retailintelligence.support.Sql;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The service on a real three-master Redis Cluster (its own, on free ports): ingest, live fan-out, rebuild and the
 * login throttle work, the Redis figures equal PostgreSQL's, and the keys really are spread over the nodes.
 */
@QuarkusTest
@TestProfile(RedisClusterTest.OnCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTest {

    /** The cluster client against a private cluster; a small login throttle (as LoginThrottleByAddressTest's). */
    public static class OnCluster implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedisCluster.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retail.auth.login-max-failures-per-address", "3", "retail.auth.login-failure-window", "PT3S");
        }
    }

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final List<String> STORES = new ArrayList<>();

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    RedisKeys keys;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @TestHTTPResource("/")
    URI base;
    @ConfigProperty(name = "retail.aggregates.key-prefix")
    String prefix;
    @ConfigProperty(name = "quarkus.redis.client-type")
    String clientType;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String hosts;

    @Test
    @Order(1)
    void theServiceUsesTheClusterClientOnThreeMasters() throws Exception {
        assertEquals("cluster", clientType);
        assertEquals(3, PrivateRedisCluster.ports().size());
        for (int port : PrivateRedisCluster.ports()) {
            String info = PrivateRedisCluster.cli(port, "CLUSTER", "INFO");
            assertTrue(info.contains("cluster_state:ok") && info.contains("cluster_size:3"), info);
        }
        // The same settings as REDIS_URL's list form gives (docs/redis-cluster.md).
        Map<String, String> fromUrl = ConnectionUrls.redisProperties(hosts);
        assertEquals("cluster", fromUrl.get("quarkus.redis.client-type"));
        assertEquals(hosts, fromUrl.get("quarkus.redis.hosts"));
    }

    @Test
    @Order(2)
    void ingestedFiguresInRedisEqualPostgresAndTheRestApi() throws Exception {
        for (int i = 0; i < 8; i++) {
            String store = uniqueStoreId("cluster");
            STORES.add(store);
            createStore(store, "UTC", "EUR");
            postTraffic(batch(List.of(traffic("t1", store, DAY + "T09:15:00Z", 3 + i, 1), traffic("t2", store, DAY + "T11:40:00Z", 2, 2))))
                    .statusCode(200).body("accepted", equalTo(2));
            postSales(batch(List.of(sale("s1", store, DAY + "T09:20:00Z", "12.50", "EUR", "sale"),
                    sale("s2", store, DAY + "T11:45:00Z", "3.25", "EUR", "sale"),
                    sale("s3", store, DAY + "T12:00:00Z", "2.00", "EUR", "refund")))).statusCode(200).body("accepted", equalTo(3));
        }
        for (int i = 0; i < STORES.size(); i++) {
            String store = STORES.get(i);
            assertRedisEqualsRollups(store);
            asAdmin().queryParam("date", DAY.toString()).get("/api/v1/traffic/" + store).then().statusCode(200)
                    .body("totals.visitors", equalTo(5 + i), "totals.exits", equalTo(3));
            asAdmin().queryParam("date", DAY.toString()).get("/api/v1/sales/" + store).then().statusCode(200)
                    .body("totals.transactions", equalTo(2), "totals.revenueMinor", equalTo(1375), "totals.refundCount", equalTo(1));
            assertEquals(5.0 + i, score(keys.visitorRanking(DAY), store));
            assertEquals(1375.0, score(keys.revenueRanking(DAY), store), "revenue = gross - refunds");
        }
        Map<Integer, Integer> perNode = keysPerNode();
        System.out.println("RedisClusterTest: keys under " + prefix + " per node (port=count): " + perNode);
        assertTrue(perNode.values().stream().filter(count -> count > 0).count() >= 2,
                "the keys landed on more than one node: " + perNode);
    }

    @Test
    @Order(3)
    void rebuildRestoresExactlyWhatPostgresHolds() {
        String store = STORES.get(0);
        // Lose one key and spoil another: the rebuild clears the store-day and writes it again from PostgreSQL.
        redis.key().unlink(keys.dayTotals(store, DAY)).await().atMost(Duration.ofSeconds(10));
        redis.sortedSet(String.class).zadd(keys.series(store, DAY, "hour", "visitors"), 99, "1").await().atMost(Duration.ofSeconds(10));
        redis.sortedSet(String.class).zadd(keys.revenueRanking(DAY), -5, store).await().atMost(Duration.ofSeconds(10));

        asAdmin().queryParam("storeId", store).queryParam("from", DAY.toString()).queryParam("to", DAY.toString())
                .post("/api/v1/admin/aggregates/rebuild").then().statusCode(200).body("stores", equalTo(1), "storeDays", equalTo(1));

        assertRedisEqualsRollups(store);
        assertEquals(5.0, score(keys.visitorRanking(DAY), store));
        assertEquals(1375.0, score(keys.revenueRanking(DAY), store));
        asAdmin().queryParam("date", DAY.toString()).get("/api/v1/traffic/" + store).then().body("totals.visitors", equalTo(5));
    }

    @Test
    @Order(4)
    void aLiveFeedGetsAnIngestedEvent() throws Exception {
        String store = uniqueStoreId("cluster-live");
        createStore(store, "UTC", "EUR");
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = new LiveClient(vertx, base).connect("/ws/traffic/realtime?storeId=" + store, Api.adminToken(), messages);
        try {
            JsonNode snapshot = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(snapshot, "a snapshot first");
            assertEquals("snapshot", snapshot.get("type").asText());
            String now = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toString();
            for (int i = 0; i < 5; i++) {
                postTraffic(batch(List.of(traffic("live-" + i, store, now, 2, 0)))).statusCode(200);
            }
            for (int i = 0; i < 5; i++) {
                JsonNode event = messages.poll(10, TimeUnit.SECONDS);
                assertNotNull(event, "event " + i + " through the cluster's pub/sub");
                assertEquals("traffic", event.get("type").asText());
                assertEquals("live-" + i, event.get("eventId").asText());
                assertEquals(2L * (i + 1), event.get("visitorsToday").asLong());
            }
            assertEquals(null, messages.poll(1, TimeUnit.SECONDS), "each event once");
        } finally {
            socket.close();
        }
    }

    @Test
    @Order(5)
    void loginFailuresLeadTo429WithRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("guess-" + UUID.randomUUID(), "wrong-password"));
        }
        var throttled = given().contentType(ContentType.JSON)
                .body("{\"username\":\"admin\",\"password\":\"" + LocalServices.ADMIN_PASSWORD + "\"}")
                .post("/api/v1/auth/login").then().extract();
        assertEquals(429, throttled.statusCode(), "the address is closed, whoever logs in");
        int retryAfter = Integer.parseInt(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
        assertFalse(keysPerNode().isEmpty());
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> login("admin", LocalServices.ADMIN_PASSWORD) == 200);
    }

    private static int login(String username, String password) {
        return given().contentType(ContentType.JSON).body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/auth/login").statusCode();
    }

    /** Every sorted set the store's rollups give equals, member for member, what the cluster holds under that key. */
    private void assertRedisEqualsRollups(String store) {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (Row row : Sql.query(pool, "SELECT metric, bucket, bucket_start, local_day, value FROM rollups WHERE store_id = $1", store)) {
            LocalDate day = row.getLocalDate("local_day");
            if ("day".equals(row.getString("bucket"))) {
                expected.computeIfAbsent(keys.dayTotals(store, day), k -> new TreeMap<>()).put(row.getString("metric"), row.getLong("value"));
            } else {
                expected.computeIfAbsent(keys.series(store, day, row.getString("bucket"), row.getString("metric")), k -> new TreeMap<>())
                        .put(Long.toString(row.getOffsetDateTime("bucket_start").toInstant().getEpochSecond()), row.getLong("value"));
            }
        }
        assertFalse(expected.isEmpty(), "the store has rollups");
        Map<String, Map<String, Long>> actual = new TreeMap<>();
        for (String key : expected.keySet()) {
            Map<String, Long> members = new TreeMap<>();
            for (ScoredValue<String> value : redis.sortedSet(String.class).zrangeWithScores(key, 0, -1).await().atMost(Duration.ofSeconds(10))) {
                members.put(value.value(), (long) value.score());
            }
            actual.put(key, members);
        }
        assertEquals(expected, actual);
    }

    private double score(String key, String member) {
        Double score = redis.sortedSet(String.class).zscore(key, member).await().atMost(Duration.ofSeconds(10));
        return score == null ? Double.NaN : score;
    }

    /** How many of this run's keys each node holds (asked node by node, without redirects). */
    private Map<Integer, Integer> keysPerNode() throws Exception {
        Map<Integer, Integer> perNode = new TreeMap<>();
        for (int port : PrivateRedisCluster.ports()) {
            String out = PrivateRedisCluster.cli(port, "--scan", "--pattern", prefix + "*");
            perNode.put(port, out.isBlank() ? 0 : out.split("\n").length);
        }
        return perNode;
    }
}

package com.retailintelligence.traffic;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Concurrent requests share insert statements: each still gets its own counts, and an event id sent by
 * several of them at once is accepted by exactly one.
 */
@QuarkusTest
class ConcurrentIngestTest {

    private static final int THREADS = 16;
    private static final int REQUESTS_PER_THREAD = 10;
    private static final int SHARED_IDS = 5;

    @Inject
    Pool pool;

    private static double counter(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + "{") && line.contains("type=\"traffic\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void concurrentBatchesCountEveryEventOnce() throws Exception {
        String store = uniqueStoreId("concurrent");
        createStore(store, "UTC", "EUR");
        String token = Api.adminToken();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        List<Future<int[]>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(executor.submit(() -> {
                int[] counts = new int[2];
                for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                    List<String> events = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        events.add(traffic("u-" + thread + "-" + r + "-" + i, store, "2026-11-20T10:00:00Z", 1, 0));
                    }
                    events.add(traffic("shared-" + (r % SHARED_IDS), store, "2026-11-20T10:00:00Z", 1, 0));
                    JsonPath answer = RestAssured.given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                            .body(batch(events)).post("/api/v1/traffic/events").then().statusCode(200).extract().jsonPath();
                    counts[0] += answer.getInt("accepted");
                    counts[1] += answer.getInt("duplicates");
                }
                return counts;
            }));
        }
        int accepted = 0;
        int duplicates = 0;
        for (Future<int[]> result : results) {
            accepted += result.get()[0];
            duplicates += result.get()[1];
        }
        executor.shutdown();

        int unique = THREADS * REQUESTS_PER_THREAD * 4 + SHARED_IDS;
        assertEquals(unique, accepted);
        assertEquals(THREADS * REQUESTS_PER_THREAD * 5 - unique, duplicates);
        assertEquals(unique, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1", store));
        // Some requests shared a statement (the counters are for the whole test run, so compare the totals).
        String metrics = RestAssured.get("/q/metrics").then().extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(counter(metrics, "retail_ingest_statements_total") < counter(metrics,
                "retail_ingest_batches_total"), "statements are shared under load");
        assertEquals(unique, asAdmin().queryParam("date", "2026-11-20").get("/api/v1/traffic/" + store)
                .then().statusCode(200).extract().jsonPath().getInt("totals.visitors"));
    }

    @Test
    void aBatchOverTheTotalsLimitFailsAloneAndTheBatchesSharingItsStatementGoThrough() throws Exception {
        String full = uniqueStoreId("full");
        String other = uniqueStoreId("other");
        createStore(full, "UTC", "EUR");
        createStore(other, "UTC", "EUR");
        String at = java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        asAdmin().body(batch(List.of(traffic("seed", full, at, 1, 0)))).post("/api/v1/traffic/events").then().statusCode(200);
        // Just below 2^53 - 1, the largest total kept exactly (V6's CHECK): one more visitor or two is too many.
        Sql.query(pool, "UPDATE rollups SET value = 9007199254740990 WHERE store_id = $1 AND metric = 'visitors'", full);

        String token = Api.adminToken();
        ExecutorService pool16 = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                String store = r % 2 == 0 ? full : other;
                String id = "lim-" + t + "-" + r;
                answers.add(pool16.submit(() -> RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                        .body(batch(List.of(traffic(id, store, at, 5, 0)))).post("/api/v1/traffic/events").statusCode()));
            }
        }
        int refused = 0;
        int accepted = 0;
        for (int i = 0; i < answers.size(); i++) {
            int status = answers.get(i).get();
            if (i % 2 == 0) {
                assertEquals(400, status, "a batch that would take the total beyond the limit is refused");
                refused++;
            } else {
                assertEquals(200, status, "the batches it shared a statement with are not");
                accepted++;
            }
        }
        pool16.shutdown();
        assertEquals(THREADS * REQUESTS_PER_THREAD / 2, accepted);
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1", full), "only the seed");
        assertEquals(accepted, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1", other));
        assertEquals(9007199254740990L, Sql.count(pool,
                "SELECT value FROM rollups WHERE store_id = $1 AND metric = 'visitors' AND bucket = 'day'", full));
        assertTrue(refused > 0);
    }
}

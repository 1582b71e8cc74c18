package com.retailintelligence.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.retailintelligence.audit.RepeatedAttempts;
import com.retailintelligence.support.Sql;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Anonymous traffic cannot grow the audit log without bound: 10,000 unauthenticated requests (no token, bad tokens,
 * unknown API keys, failed and throttled logins, unknown refresh tokens) leave at most a few hundred rows, and the
 * folded rows still count every one of them.
 */
@QuarkusTest
class AnonymousTrafficAuditTest {

    private static final int REQUESTS = 10_000;

    @Inject
    Pool pool;

    @Inject
    RepeatedAttempts repeated;

    @TestHTTPResource("/")
    URI base;

    @Test
    void tenThousandAnonymousRequestsLeaveAFewHundredRowsThatCountThemAll() throws Exception {
        repeated.writeAll().await().atMost(Duration.ofSeconds(10)); // what earlier tests left folded, written now
        Thread.sleep(300);
        long before = Sql.count(pool, "SELECT coalesce(max(id), 0) FROM audit_log");
        String source = "10.55." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            inFlight.acquire();
            answers.add(http.sendAsync(request(i, source), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> inFlight.release()));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (CompletableFuture<HttpResponse<Void>> answer : answers) {
            statuses.merge(answer.get().statusCode(), 1, Integer::sum);
        }
        assertTrue(statuses.keySet().stream().allMatch(status -> status >= 400 && status < 500), "all refused: " + statuses);

        // Denials are written without holding up the answers: wait until the log stops growing, then fold the rest.
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(500)).pollInterval(Duration.ofMillis(500))
                .until(new java.util.concurrent.Callable<Boolean>() {
                    private long last = -1;

                    @Override
                    public Boolean call() {
                        long now = Sql.count(pool, "SELECT count(*) FROM audit_log WHERE id > $1", before);
                        boolean settled = now == last;
                        last = now;
                        return settled;
                    }
                });
        repeated.writeAll().await().atMost(Duration.ofSeconds(10));
        long rows = Sql.count(pool, "SELECT count(*) FROM audit_log WHERE id > $1", before);
        long counted = Sql.count(pool, "SELECT coalesce(sum(occurrences), 0) FROM audit_log WHERE id > $1", before);
        System.out.printf("%d anonymous requests %s -> %d audit rows standing for %d events%n", REQUESTS, statuses, rows, counted);
        assertTrue(rows <= 300, "at most a few hundred rows: " + rows);
        assertEquals(REQUESTS, counted, "every refused request is counted, folded or not");
    }

    @Test
    void aPrincipalAskingForStoreAfterStoreItMayNotSeeIsFoldedToo() throws Exception {
        String viewer = com.retailintelligence.support.Api.tokenForNewUser(pool, java.util.Set.of("some-store"), "viewer");
        repeated.writeAll().await().atMost(Duration.ofSeconds(10));
        Thread.sleep(300);
        long before = Sql.count(pool, "SELECT coalesce(max(id), 0) FROM audit_log");
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 500; i++) {
            // A different store each time: the store is the client's choice, so it is no part of what repeats fold by.
            int status = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/traffic/not-mine-" + i))
                    .header("Authorization", "Bearer " + viewer).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            assertEquals(404, status);
        }
        Thread.sleep(500);
        repeated.writeAll().await().atMost(Duration.ofSeconds(10));
        long rows = Sql.count(pool, "SELECT count(*) FROM audit_log WHERE id > $1", before);
        long counted = Sql.count(pool, "SELECT coalesce(sum(occurrences), 0) FROM audit_log WHERE id > $1", before);
        assertTrue(rows <= 6, "folded per principal and reason, not per store asked for: " + rows);
        assertEquals(500, counted);
    }

    /** The i-th request: each kind of anonymous refusal in turn. */
    private HttpRequest request(int i, String source) {
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).header("X-Forwarded-For", source);
        switch (i % 6) {
            case 0 -> builder.uri(base.resolve("/api/v1/stores")).GET();
            case 1 -> builder.uri(base.resolve("/api/v1/traffic/some-store")).header("Authorization", "Bearer not-a-token").GET();
            case 2 -> builder.uri(base.resolve("/api/v1/audit")).header("X-API-Key", "ri_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB").GET();
            case 3 -> builder.uri(base.resolve("/api/v1/auth/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"guess-" + UUID.randomUUID() + "\",\"password\":\"wrong-password\"}"));
            case 4 -> builder.uri(base.resolve("/api/v1/auth/refresh")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\"rt_" + i + "\"}"));
            default -> builder.uri(base.resolve("/api/v1/traffic/events")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[]"));
        }
        return builder.build();
    }
}

package com.retailintelligence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.JwtKeyFiles;
import com.retailintelligence.support.PrivatePostgres;
import com.retailintelligence.support.PrivateRedis;
import com.retailintelligence.support.ServiceProcess;
import com.retailintelligence.support.SteadyIngest;
import com.retailintelligence.support.StoredTraffic;

/**
 * The packaged service under steady ingest while its parts fail: PostgreSQL stopped and started, the service
 * itself killed with SIGKILL and started again, Redis restarted empty. After each, every event that got a 2xx is
 * in PostgreSQL exactly once and, after the sync, Redis equals PostgreSQL; while PostgreSQL is away the service
 * answers only 503 with Retry-After, quickly, and logs no ERROR. The database and Redis are private to this test.
 */
class FaultsIT {

    private static final String ADMIN_PASSWORD = "faults-admin-password";
    private static final String KEY_PREFIX = "faults:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PrivatePostgres postgres;
    private static int redisPort;
    private static ServiceProcess service;
    private static boolean postgresUp;
    private static StoredTraffic stored;

    @BeforeAll
    static void startEverything() throws Exception {
        postgres = PrivatePostgres.start();
        postgresUp = true;
        postgres.execute("postgres", Files.readString(Path.of("scripts", "create-db-roles.sql")));
        postgres.execute("postgres", "CREATE DATABASE retail");
        try (ServerSocket socket = new ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        PrivateRedis.restart(redisPort);
        Map<String, String> env = new HashMap<>(JwtKeyFiles.create().environment());
        env.put("DATABASE_URL", "postgresql://retail_service@127.0.0.1:" + postgres.port() + "/retail");
        env.put("DATABASE_MIGRATION_URL", "postgresql://postgres:trusted@127.0.0.1:" + postgres.port() + "/retail");
        env.put("REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0");
        env.put("RETAIL_AGGREGATES_KEY_PREFIX", KEY_PREFIX);
        env.put("RETAIL_AGGREGATES_SYNC_INTERVAL", "1s");
        env.put("RETAIL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("RETAIL_AUTH_TOKEN_TTL", "PT1H");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        service = new ServiceProcess(env, "faults").start();
        stored = new StoredTraffic(postgres.jdbcUrl("retail"), redisPort, KEY_PREFIX);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (service != null) {
            service.close();
        }
        PrivateRedis.shutdown(redisPort);
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Each test starts from a healthy service, whatever the previous one left. */
    @BeforeEach
    void healthy() throws Exception {
        if (!postgresUp) {
            postgres.startAgain();
            postgresUp = true;
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> service.status("/q/health/ready") == 200);
    }

    @Test
    void postgresOutageIsAnswered503WithRetryAfterAndHealsByItself() throws Exception {
        List<String> stores = createStores("pgdown");
        int mark = service.logMark();
        try (SteadyIngest load = new SteadyIngest(service.uri("/"), token(), stores, "pg-" + shortId(), 10).start(4)) {
            awaitAnswers(load, 200, 20);
            postgres.stopAbruptly();
            postgresUp = false;
            Instant down = Instant.now();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> load.count(503) >= 50);
            Thread.sleep(3_000);
            Instant up = Instant.now();
            postgres.startAgain();
            postgresUp = true;
            long before = load.count(200);
            Awaitility.await("ingest heals by itself").atMost(Duration.ofSeconds(30)).until(() -> load.count(200) >= before + 20);
            load.close();

            List<SteadyIngest.Answer> answers = load.answers();
            Map<Integer, Long> statuses = answers.stream().collect(Collectors.groupingBy(SteadyIngest.Answer::status, Collectors.counting()));
            assertEquals(Set.of(200, 503), statuses.keySet(), "only 200 and 503 answers: " + statuses + " " + oddOnes(answers));
            List<SteadyIngest.Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
            assertTrue(refused.stream().allMatch(a -> a.retryAfter() != null && Integer.parseInt(a.retryAfter()) > 0),
                    "every 503 says when to retry");
            List<Long> millis = refused.stream().map(SteadyIngest.Answer::millis).sorted().toList();
            long p99 = millis.get(Math.max(0, (int) Math.ceil(millis.size() * 0.99) - 1));
            System.out.printf("PostgreSQL outage: %s; 503 answers %d, p50 %d ms, p99 %d ms, max %d ms%n", statuses,
                    refused.size(), millis.get(millis.size() / 2), p99, millis.get(millis.size() - 1));
            assertTrue(p99 < 3_000, "503s come quickly (p99 " + p99 + " ms)");
            assertTrue(answers.stream().filter(a -> a.at().isAfter(down.plusSeconds(1)) && a.at().isBefore(up))
                    .allMatch(a -> a.status() == 503), "while PostgreSQL is away nothing is acknowledged");
            assertConsistent(load.acknowledged(), stores);
            assertEquals(List.of(), service.errorLinesSince(mark), "an outage is logged as warnings, not errors");
        }
    }

    @Test
    void killedWithSigkillLosesNothingAcknowledged() throws Exception {
        List<String> stores = createStores("kill9");
        String token = token();
        Set<String> acknowledged = new HashSet<>();
        try (SteadyIngest load = new SteadyIngest(service.uri("/"), token, stores, "k9-" + shortId(), 10).start(4)) {
            awaitAnswers(load, 200, 30);
            service.kill();
            Thread.sleep(500);
            service.start();
            long before = load.count(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.count(200) >= before + 20);
            load.close();
            acknowledged.addAll(load.acknowledged());
            assertTrue(load.count(0) > 0 || load.count(200) > 0);
            assertEquals(Set.of(), load.answers().stream().map(SteadyIngest.Answer::status)
                    .filter(s -> s != 200 && s != 0 && s != 503).collect(Collectors.toSet()), "no other answers");
        }
        assertConsistent(acknowledged, stores);
    }

    @Test
    void redisRestartedEmptyDuringIngestIsRefilledFromPostgres() throws Exception {
        List<String> stores = createStores("redis");
        try (SteadyIngest load = new SteadyIngest(service.uri("/"), token(), stores, "rd-" + shortId(), 10).start(4)) {
            awaitAnswers(load, 200, 20);
            PrivateRedis.shutdown(redisPort);
            long before = load.count(200);
            Awaitility.await("ingest goes on without Redis").atMost(Duration.ofSeconds(30)).until(() -> load.count(200) >= before + 10);
            PrivateRedis.restart(redisPort);
            long after = load.count(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.count(200) >= after + 20);
            load.close();
            assertEquals(Set.of(200), load.answers().stream().map(SteadyIngest.Answer::status).collect(Collectors.toSet()),
                    "Redis is not needed to acknowledge: " + oddOnes(load.answers()));
            assertConsistent(load.acknowledged(), stores);
        }
    }

    /** Acknowledged = stored exactly once; the rollups agree with the events; after the sync, Redis with the rollups. */
    private static void assertConsistent(Set<String> acknowledged, List<String> stores) throws Exception {
        assertTrue(acknowledged.size() > 100, "enough was acknowledged to mean something: " + acknowledged.size());
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(stored.storedIds(stores));
        assertEquals(Set.of(), missing, "every acknowledged event is in PostgreSQL (the primary key keeps it there once)");
        assertEquals(List.of(), stored.rollupsAgainstRawEvents(stores), "the rollups count every stored event once");
        Awaitility.await("Redis equals PostgreSQL after the sync").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> stored.redisAgainstRollups(stores).isEmpty());
    }

    private static void awaitAnswers(SteadyIngest load, int status, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.count(status) >= count);
    }

    private static String oddOnes(List<SteadyIngest.Answer> answers) {
        return answers.stream().filter(a -> a.status() != 200 && a.status() != 503).limit(3).map(Object::toString).toList().toString();
    }

    private static List<String> createStores(String prefix) throws Exception {
        List<String> stores = new ArrayList<>();
        String token = token();
        for (String zone : List.of("UTC", "Asia/Tokyo", "America/New_York")) {
            String id = prefix + "-" + shortId();
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(service.uri("/api/v1/stores"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"timezone\":\"" + zone + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            stores.add(id);
        }
        return stores;
    }

    private static String token() throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(service.uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        return JSON.readTree(login.body()).get("access_token").asText();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

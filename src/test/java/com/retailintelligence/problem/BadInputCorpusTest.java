package com.retailintelligence.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.Events;
import com.retailintelligence.support.LogCapture;
import com.retailintelligence.support.RawHttp;
import com.retailintelligence.support.Sql;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A corpus of bad input against every endpoint — malformed, truncated and deeply nested JSON, wrong types, huge
 * numbers, NaN, long strings, NUL, unpaired surrogates and bytes that are not UTF-8, wrong content types, odd
 * paths, query values, headers, framing and WebSocket upgrades — sent over a plain socket so nothing is cleaned up
 * on the way. Every answer must be a 4xx (problem+json wherever the service writes the answer), nothing may be
 * stored or changed, and the service may log no ERROR and no stack trace meanwhile.
 */
@QuarkusTest
class BadInputCorpusTest {

    /** The corpus' client address (X-Forwarded-For): the login throttle it trips holds only this address. */
    private static final String SOURCE = "10.66.0.7";
    private static final List<String> TABLES = List.of("stores", "users", "api_keys", "refresh_tokens", "traffic_events",
            "sales_events", "rollups", "alert_rules", "alerts");

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    URI base;

    private RawHttp http;
    private String admin;
    private String store;
    private String user;
    private String keyId;
    private String ingestToken;

    /**
     * One request of the corpus; {@code problemBody}: the answer is written by the service, so it must be
     * problem+json; {@code mayClose}: broken framing, after which Vert.x closes the connection, answered or not.
     */
    private record Case(String name, byte[] request, boolean problemBody, boolean mayClose) {
        Case(String name, byte[] request, boolean problemBody) {
            this(name, request, problemBody, false);
        }
    }

    @Test
    void everyBadInputIsRefusedWithA4xxProblemAndChangesNothing() throws Exception {
        http = new RawHttp(base.getHost(), base.getPort());
        admin = Api.adminToken();
        store = Api.uniqueStoreId("corpus");
        Events.createStore(store, "UTC", "EUR");
        user = "corpus-" + UUID.randomUUID().toString().substring(0, 8);
        Api.asAdmin().body("{\"username\":\"" + user + "\",\"password\":\"corpus-password-1\",\"roles\":[\"viewer\"],\"stores\":[\""
                + store + "\"]}").post("/api/v1/auth/users").then().statusCode(201);
        keyId = Api.asAdmin().body("{\"name\":\"corpus\",\"roles\":[\"display\"],\"stores\":[\"" + store + "\"]}")
                .post("/api/v1/auth/api-keys").then().statusCode(201).extract().path("id");
        ingestToken = Api.tokenForNewUser(pool, Set.of(store), "ingest");
        Map<String, Long> before = counts();
        String storeBefore = Api.as(admin).get("/api/v1/stores/" + store).asString();
        String userBefore = Api.as(admin).get("/api/v1/auth/users/" + user).asString();

        List<Case> cases = corpus();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        List<String> logged;
        try (LogCapture log = LogCapture.start()) {
            // A few clients at once: the corpus is about answers, not order (each case stands alone).
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
            for (Case c : cases) {
                clients.submit(() -> check(c, http.send(c.request()), wrong, statuses));
            }
            clients.shutdown();
            assertTrue(clients.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES));
            Thread.sleep(500); // denials are audited without holding up the answer; let their writes land in the capture
            logged = log.errorsAndStackTraces();
        }
        System.out.printf("Bad-input corpus: %d cases, statuses %s%n", cases.size(), statuses);
        assertEquals(List.of(), wrong, "answers that are not a 4xx problem");
        assertEquals(before, counts(), "nothing stored");
        assertEquals(storeBefore, Api.as(admin).get("/api/v1/stores/" + store).asString(), "the store unchanged");
        assertEquals(userBefore, Api.as(admin).get("/api/v1/auth/users/" + user).asString(), "the user unchanged");
        Api.as(admin).get("/api/v1/auth/api-keys").then().statusCode(200)
                .body("find { it.id == '" + keyId + "' }.revokedAt", org.hamcrest.Matchers.nullValue());
        Api.adminToken(); // the admin still logs in (its password unchanged, 127.0.0.1 not throttled)
        assertEquals(List.of(), logged, "no ERROR and no stack trace in the log");
        assertTrue(cases.size() > 1000, "a corpus worth the name: " + cases.size());
    }

    private static void check(Case c, RawHttp.Answer answer, List<String> wrong, Map<Integer, Integer> statuses) {
        statuses.merge(answer.status(), 1, Integer::sum);
        if (answer.status() == 0 && c.mayClose()) {
            return;
        }
        if (answer.status() < 400 || answer.status() > 499) {
            wrong.add(c.name() + " -> " + answer.status() + " " + abbreviate(answer.body()));
        } else if (c.problemBody() && !answer.contentType().startsWith("application/problem+json")) {
            wrong.add(c.name() + " -> " + answer.status() + " with content type '" + answer.contentType() + "'");
        } else if (answer.body().contains("Exception") || answer.body().contains("com.retailintelligence")) {
            wrong.add(c.name() + " -> " + answer.status() + " leaks internals: " + abbreviate(answer.body()));
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, Sql.count(pool, "SELECT count(*) FROM " + table));
        }
        return counts;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The corpus
    // ---------------------------------------------------------------------------------------------------------

    /** A JSON field of a body template: its valid value and the bad values it is tried with (raw JSON text). */
    private record Field(String name, String valid, List<String> bad) {
    }

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        String when = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString();
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        List<Field> storeFields = List.of(
                new Field("name", q("Corpus"), plus(strings(true), q(""), q("   "), q("x".repeat(201)))),
                new Field("timezone", q("UTC"), plus(strings(true), q(""), q("Nowhere/City"), q("+01:00"), q("utc"))),
                new Field("capacity", "10", plus(numbers(false), "0", "-0")),
                new Field("currency", q("EUR"), plus(strings(false), q(""), q("eur"), q("EURO"), q("XAU"), q("XXX"))));
        List<Field> newStore = new ArrayList<>();
        newStore.add(new Field("id", q("corpus-new-store"),
                plus(strings(true), q(""), q(" "), q("UPPER"), q("-x"), q("a_b"), q("a".repeat(65)))));
        newStore.addAll(storeFields);
        objectBodies(cases, "POST", "/api/v1/stores", admin, newStore);
        objectBodies(cases, "PUT", "/api/v1/stores/" + store, admin, storeFields);
        objectBodies(cases, "POST", "/api/v1/stores/" + store + "/alert-rules", admin, List.of(
                new Field("type", q("sensor-silent"), plus(strings(true), q(""), q("flood"), q("SENSOR-SILENT"))),
                new Field("minutes", "5", plus(numbers(true), "0", "1441")),
                new Field("severity", q("info"), plus(strings(true), q(""), q("fatal"), q("INFO"))),
                new Field("cooldown", q("PT5M"), plus(strings(true), q(""), q("5m"), q("P30D"), q("-PT1M"), q("PT0.5S"))),
                new Field("quietHours", "{\"from\":\"22:00\",\"to\":\"07:00\"}", List.of("1", q("x"), "[]", "{}", "true",
                        "{\"from\":\"22:00\"}", "{\"from\":\"24:00\",\"to\":\"07:00\"}", "{\"from\":\"22:00\",\"to\":\"22:00\"}",
                        "{\"from\":\"22:00\",\"to\":\"07:00\",\"x\":1}", "{\"from\":\"7:00\",\"to\":\"08:00\"}")),
                new Field("enabled", "true", List.of("1", q("true"), "null", "[]", "{}"))));
        for (String query : List.of("status=x", "status=OPEN", "limit=0", "limit=201", "limit=abc", "before=0", "before=abc",
                "from=x", "to=2026-13-01T00:00:00Z", "storeId=" + "x".repeat(65), "storeId=%00")) {
            cases.add(get("/api/v1/alerts?" + query, admin));
        }

        List<Field> login = List.of(
                new Field("username", q("corpus-nobody"), plus(strings(true), q(""), q(" "), q("x".repeat(101)))),
                new Field("password", q("wrong-password"), plus(strings(true), q(""), q("x".repeat(73)), q("\u00e9".repeat(37)))));
        objectBodies(cases, "POST", "/api/v1/auth/login", null, login);
        List<Field> refresh = List.of(new Field("refresh_token", q("rt_unknown"), plus(strings(true), q(""), q("x".repeat(201)))));
        objectBodies(cases, "POST", "/api/v1/auth/refresh", null, refresh);
        objectBodies(cases, "POST", "/api/v1/auth/logout", null, refresh);
        objectBodies(cases, "PUT", "/api/v1/auth/password", admin, List.of(
                new Field("currentPassword", q("wrong-current-password"), plus(strings(true), q(""), q("x".repeat(73)))),
                new Field("newPassword", q("a-new-password-1"), plus(strings(true), q(""), q("short"), q("x".repeat(73))))));

        List<String> badRoles = List.of("[]", q("admin"), "[1]", "[null]", "[\"\"]", "[\"root\"]", "{}", "[[\"admin\"]]", "true");
        List<String> badStores = List.of(q(store), "[1]", "[\"\"]", "[\"no-such-store\"]", "{}", "[null]", "true");
        objectBodies(cases, "POST", "/api/v1/auth/users", admin, List.of(
                new Field("username", q("corpus-new-user"), plus(strings(true), q(""), q("ab"), q("a b"), q("x".repeat(65)))),
                new Field("password", q("corpus-password-2"), plus(strings(true), q(""), q("short"), q("x".repeat(73)))),
                new Field("roles", "[\"viewer\"]", plus(badRoles, "null")),
                new Field("stores", "[\"" + store + "\"]", plus(badStores, "[]"))));
        objectBodies(cases, "PATCH", "/api/v1/auth/users/" + user, admin, List.of(
                new Field("roles", "[\"viewer\"]", badRoles),
                new Field("stores", "[\"" + store + "\"]", plus(badStores, "[]")),
                new Field("disabled", "false", List.of("123", "0", q("true"), q(""), "[]", "{}", q("yes"), "1.5"))));
        objectBodies(cases, "POST", "/api/v1/auth/api-keys", admin, List.of(
                new Field("name", q("corpus-key"), plus(strings(true), q(""), q("x".repeat(101)))),
                new Field("roles", "[\"display\"]", plus(badRoles, "null")),
                new Field("stores", "[\"" + store + "\"]", plus(badStores, "[]", "null")),
                new Field("expiresAt", q("2099-01-01T00:00:00Z"), List.of(q("2000-01-01T00:00:00Z"), q("x"), "1", "true", "[]",
                        "{}", "4102444800", q("+999999999-12-31T23:59:59Z"), q("2030-01-01"), "1.5"))));

        List<String> timestamps = plus(strings(true), q(""), q("x"), q("2026-13-01T00:00:00Z"), q("2026-02-30T00:00:00Z"),
                q("-999999999-01-01T00:00:00Z"), q("0001-01-01T00:00:00Z"), q("1900-01-01T00:00:00Z"),
                q("+10000-01-01T00:00:00Z"), q("2026-11-30T10:00:00"), q(tomorrow), q("2026-11-30T10:00:00+25:00"),
                q("2026-11-30 10:00:00Z"), q("2026-11-30T24:00:01Z"));
        List<String> ids = plus(strings(true), q(""), q(" "), q("x".repeat(129)));
        List<String> storeIds = plus(strings(true), q(""), q("UPPER"), q("no-such-store"));
        List<String> counts = plus(numbers(true), "2147483648");
        arrayBodies(cases, "/api/v1/traffic/events", admin, List.of(new Field("id", q("corpus-t1"), ids),
                new Field("storeId", q(store), storeIds), new Field("sensorId", q("door-1"), ids),
                new Field("timestamp", q(when), timestamps), new Field("in", "1", counts), new Field("out", "0", counts)));
        arrayBodies(cases, "/api/v1/sales/events", admin, List.of(new Field("id", q("corpus-s1"), ids),
                new Field("storeId", q(store), storeIds), new Field("timestamp", q(when), timestamps),
                new Field("amount", q("12.50"), List.of("null", "-1", q("-1.00"), q("1.001"), q("1000000000000"), q("abc"), "true",
                        "[]", "{}", "1e999999999", "NaN", q(""), q("1,00"), q("0x10"), "1.5e-7", q("1e3"), "1000000000000")),
                new Field("currency", q("EUR"), plus(strings(true), q(""), q("USD"), q("eur"), q("XAU"))),
                new Field("items", "2", plus(numbers(false), "2147483648")),
                new Field("type", q("sale"), List.of("1", q(""), q("gift"), q("SALE"), "true", "[]"))));

        paths(cases, when);
        queries(cases);
        credentials(cases, when);
        framing(cases);
        upgrades(cases);
        return cases;
    }

    /** Each field replaced by each of its bad values, each required field left out, and the malformed variants. */
    private void objectBodies(List<Case> cases, String method, String path, String token, List<Field> fields) {
        String valid = object(fields, null, null);
        for (Field field : fields) {
            for (String bad : field.bad()) {
                cases.add(json(method + " " + path + " " + field.name() + "=" + abbreviate(bad), method, path, token,
                        bytes(object(fields, field.name(), bad))));
            }
        }
        malformed(cases, method, path, token, valid, false);
    }

    /** As {@link #objectBodies} inside a one-event batch, and the batch's own mistakes. */
    private void arrayBodies(List<Case> cases, String path, String token, List<Field> fields) {
        String event = object(fields, null, null);
        for (Field field : fields) {
            for (String bad : field.bad()) {
                String broken = object(fields, field.name(), bad);
                cases.add(json("POST " + path + " " + field.name() + "=" + abbreviate(bad), "POST", path, token, bytes("[" + broken + "]")));
                // A good event beside a bad one: the whole batch is refused, the good one is not stored either.
                cases.add(json("POST " + path + " good+" + field.name() + "=" + abbreviate(bad), "POST", path, token,
                        bytes("[" + event.replace("corpus-", "corpus-good-") + "," + broken + "]")));
            }
            if (!field.name().equals("items") && !field.name().equals("type")) {
                cases.add(json("POST " + path + " without " + field.name(), "POST", path, token, bytes("[" + without(fields, field.name()) + "]")));
            }
        }
        for (String batch : List.of("[]", "{}", "[1]", "[null]", "[[]]", "[\"x\"]", event)) {
            cases.add(json("POST " + path + " batch " + abbreviate(batch), "POST", path, token, bytes(batch)));
        }
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",").append(event.replace("corpus-", "corpus-many-" + i + "-"));
        }
        cases.add(json("POST " + path + " 1001 events", "POST", path, token, bytes(tooMany.append(']').toString())));
        malformed(cases, "POST", path, token, "[" + event + "]", true);
    }

    /** Bodies that are not one well-formed JSON document of storable text, and wrong content types. */
    private void malformed(List<Case> cases, String method, String path, String token, String valid, boolean array) {
        String name = method + " " + path + " ";
        List<String> texts = new ArrayList<>(List.of("", " ", "{", "[", "}", "]", "nul", "tru", "fals", "\"x", "'a'", "{'a':1}",
                "{a:1}", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "/*c*/{}", "{}/", "NaN", "-", "1e", "123", "\"str\"", "null", "true",
                valid + " x", valid + valid, valid + "}", valid + "]", "\\u0000"));
        texts.add(array ? valid.substring(1, valid.length() - 1) : "[" + valid + "]");
        for (int k = 1; k < 8; k++) {
            texts.add(valid.substring(0, valid.length() * k / 8));
        }
        int colon = valid.indexOf(':');
        int open = valid.indexOf('{');
        int comma = valid.indexOf(',', colon);
        String firstField = comma < 0 ? valid.substring(open + 1, valid.indexOf('}', colon)) + "," : valid.substring(open + 1, comma + 1);
        texts.add(valid.substring(0, open + 1) + firstField + valid.substring(open + 1)); // the first field twice
        texts.add(valid.substring(0, open + 1) + "\"\\u0000\":1," + valid.substring(open + 1));
        texts.add(valid.substring(0, open + 1) + "\"k\\ud800\":1," + valid.substring(open + 1));
        texts.add("[".repeat(100_000) + "]".repeat(100_000));
        texts.add("{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000));
        texts.add(valid.substring(0, open + 1) + "\"deep\":" + "[".repeat(3_000) + "]".repeat(3_000) + "," + valid.substring(open + 1));
        for (String text : texts) {
            cases.add(json(name + "malformed " + abbreviate(text), method, path, token, bytes(text)));
        }
        for (byte[] raw : List.of(new byte[] { (byte) 0xff, (byte) 0xfe, '{', '}' }, new byte[] { 0 }, new byte[] { '{', 0, '}' },
                raw(valid, "\u00c0\u00af"), raw(valid, "\u00ed\u00a0\u0080"), raw(valid, "\u00e2\u0082"), raw(valid, "\u00ff"))) {
            cases.add(json(name + "bytes", method, path, token, raw));
        }
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream", "image/png")) {
            cases.add(new Case(name + "as " + type, RawHttp.request(method, path, headers(token, type), bytes(valid)), true));
        }
        cases.add(new Case(name + "without a content type", RawHttp.request(method, path, headers(token, null), bytes(valid)), true));
        // Over the 1 MiB limit: declared, and chunked.
        byte[] huge = bytes(valid.substring(0, open + 1) + "\"pad\":\"" + "x".repeat(1_100_000) + "\"," + valid.substring(open + 1));
        cases.add(json(name + "1.1 MB", method, path, token, huge));
        Map<String, String> chunked = headers(token, "application/json");
        chunked.put("Transfer-Encoding", "chunked");
        cases.add(new Case(name + "1.1 MB chunked", RawHttp.request(method, path, chunked, chunked(huge)), true));
    }

    /** Odd path values where an endpoint takes one. */
    private void paths(List<Case> cases, String when) {
        List<String> values = List.of("%00", "a%00b", "%zz", "%", "%ff", "%c0%af", "%ed%a0%80", "a".repeat(5_000), "\u00c3\u00a9",
                "..%2f..%2fetc%2fpasswd", "UPPER", "no-such-store", "%e2%80%ae", "x%20y", "%7f", "\u007f");
        String storeBody = "{\"name\":\"Corpus\",\"timezone\":\"UTC\"}";
        for (String value : values) {
            // A target Quarkus' URI check refuses before any handler ('%' without two hex digits, a DEL) gets its empty 400.
            boolean ours = !value.startsWith("%z") && !value.equals("%") && !value.equals("\u007f");
            cases.add(get("/api/v1/stores/" + value, admin, ours));
            cases.add(new Case("PUT stores/" + abbreviate(value), RawHttp.request("PUT", "/api/v1/stores/" + value,
                    headers(admin, "application/json"), bytes(storeBody)), ours));
            cases.add(new Case("DELETE stores/" + abbreviate(value), RawHttp.request("DELETE", "/api/v1/stores/" + value,
                    headers(admin, null), null), ours));
            cases.add(get("/api/v1/traffic/" + value, admin, ours));
            cases.add(get("/api/v1/sales/" + value, admin, ours));
            cases.add(get("/api/v1/auth/users/" + value, admin, ours));
            cases.add(new Case("PATCH users/" + abbreviate(value), RawHttp.request("PATCH", "/api/v1/auth/users/" + value,
                    headers(admin, "application/json"), bytes("{\"disabled\":false}")), ours));
            cases.add(new Case("DELETE api-keys/" + abbreviate(value), RawHttp.request("DELETE", "/api/v1/auth/api-keys/" + value,
                    headers(admin, null), null), ours));
            if (!value.equals("no-such-store")) { // the display page is public: it must not tell which stores exist
                cases.add(get("/display/" + value, null, ours));
            }
        }
        for (String path : List.of("/api/v1/nothing", "/nothing", "/api/v1/stores/x/y/z", "/api//v1/stores/x", "/api/v1/traffic",
                "/ws", "/q/nothing")) {
            cases.add(get(path, admin));
        }
        for (String[] call : new String[][] { { "PATCH", "/api/v1/stores" }, { "DELETE", "/api/v1/traffic/events" },
                { "FOO", "/api/v1/stores" }, { "GET", "/api/v1/traffic/events" }, { "PUT", "/api/v1/auth/login" },
                { "DELETE", "/api/v1/audit" } }) {
            cases.add(new Case(call[0] + " " + call[1], RawHttp.request(call[0], call[1], headers(admin, "application/json"),
                    bytes("[" + Events.traffic("corpus-m", store, when, 1, 0) + "]")), true));
        }
    }

    /** Odd query values. */
    private void queries(List<Case> cases) {
        for (String read : List.of("/api/v1/traffic/" + store, "/api/v1/sales/" + store)) {
            for (String query : List.of("date=x", "date=2026-13-45", "date=2026-02-30", "date=%2B999999999-12-31",
                    "date=-999999999-01-01", "date=0001-01-01", "date=1969-12-31", "date=%00", "date=2026-1-1",
                    "date=20261130", "bucket=day", "bucket=MINUTE", "bucket=%00", "bucket=" + "x".repeat(300), "date=" + "9".repeat(300))) {
                cases.add(get(read + "?" + query, admin));
            }
        }
        for (String query : List.of("from=x", "to=2026-13-01", "from=%2B999999999-01-01", "from=0001-01-01",
                "from=2026-11-02&to=2026-11-01", "storeId=%00", "storeId=UPPER", "storeId=no-such-store", "to=" + "1".repeat(300))) {
            cases.add(new Case("POST rebuild?" + abbreviate(query), RawHttp.request("POST", "/api/v1/admin/aggregates/rebuild?" + query,
                    headers(admin, null), null), true));
        }
        for (String query : List.of("limit=0", "limit=-1", "limit=1001", "limit=abc", "limit=1e3", "limit=99999999999",
                "before=abc", "before=0", "before=-1", "before=99999999999999999999", "from=x", "from=%2B999999999-12-31T00:00:00Z",
                "to=2026-13-01T00:00:00Z", "from=1969-01-01T00:00:00Z", "result=x", "result=SUCCESS", "interface=x",
                "interface=REST", "actor=%00", "actor=" + "x".repeat(300), "action=%ff")) {
            cases.add(get("/api/v1/audit?" + query, admin));
        }
        for (String force : List.of("maybe", "1", "TRUE", "yes", "%00")) {
            cases.add(new Case("DELETE store?force=" + force, RawHttp.request("DELETE", "/api/v1/stores/" + store + "?force=" + force,
                    headers(admin, null), null), true));
        }
    }

    /** Bad credentials and odd headers on reads and on an ingest with a valid body. */
    private void credentials(List<Case> cases, String when) {
        List<String> authorizations = List.of("Bearer", "Bearer ", "Bearer x", "Bearer a.b.c", "Basic YWRtaW46YWRtaW4=",
                "bearer ri_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "Bearer ri_x", "Bearer \u00c3\u00a9", "Token abc",
                "Bearer " + "x".repeat(3_000), "Bearer " + "x".repeat(20_000));
        List<String> apiKeys = List.of("", "x", "ri_AAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "x".repeat(5_000), "ri_\u00c3\u00a9");
        String batch = "[" + Events.traffic("corpus-h1", store, when, 1, 0) + "]";
        for (String[] call : new String[][] { { "GET", "/api/v1/stores" }, { "GET", "/api/v1/traffic/" + store },
                { "POST", "/api/v1/traffic/events" }, { "GET", "/api/v1/audit" } }) {
            byte[] body = call[0].equals("POST") ? bytes(batch) : null;
            for (String authorization : authorizations) {
                Map<String, String> h = headers(null, body == null ? null : "application/json");
                h.put("Authorization", authorization);
                cases.add(new Case(call[1] + " Authorization " + abbreviate(authorization), RawHttp.request(call[0], call[1], h, body), true));
            }
            for (String key : apiKeys) {
                Map<String, String> h = headers(null, body == null ? null : "application/json");
                h.put("X-API-Key", key);
                cases.add(new Case(call[1] + " X-API-Key " + abbreviate(key), RawHttp.request(call[0], call[1], h, body), true));
            }
            Map<String, String> none = headers(null, body == null ? null : "application/json");
            cases.add(new Case(call[1] + " without credentials", RawHttp.request(call[0], call[1], none, body), true));
        }
        // Valid credentials of the wrong role, and an Accept the API cannot produce.
        Map<String, String> ingest = headers(ingestToken, null);
        cases.add(new Case("GET stores as ingest", RawHttp.request("GET", "/api/v1/stores", ingest, null), true));
        for (String accept : List.of("text/html", "application/xml", "image/png")) {
            Map<String, String> h = headers(admin, null);
            h.put("Accept", accept);
            cases.add(new Case("GET stores Accept " + accept, RawHttp.request("GET", "/api/v1/stores", h, null), true));
        }
    }

    /**
     * Requests Netty or Vert.x refuse before the service sees them: any 4xx will do, and no ERROR. (An unknown HTTP
     * version, HTTP/9.9, gets 501 from Vert.x core before any handler can run: it is left out, see docs/errors.md.)
     */
    private void framing(List<Case> cases) {
        String xff = "X-Forwarded-For: " + SOURCE + "\r\n";
        List<String> raw = List.of(
                "GET /api/v1/stores HTTP/1.1\r\n" + xff + "\r\n",
                "GET  HTTP/1.1\r\nHost: x\r\n\r\n",
                "BAD\r\n\r\n",
                "POST /api/v1/stores HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}",
                "POST /api/v1/stores HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}",
                "POST /api/v1/stores HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /api/v1/traffic/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n[]\r\n0\r\n\r\n",
                "GET /api/v1/stores HTTP/1.1\r\nHost: x\r\nNo-Colon-Here\r\n\r\n",
                "GET /api/v1/stores HTTP/1.1\r\nHost: x\r\n folded: line\r\n\r\n",
                "GET /api/v1/stores HTTP/1.1\r\nHost: x\r\nX-Null: a\u0000b\r\n\r\n",
                "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/stores HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n",
                "GET /api/v1/stores HTTP/1.1\r\nHost: x\r\nX-Many: a\r\n".repeat(1) + "X-H: v\r\n".repeat(3_000) + "\r\n");
        for (String request : raw) {
            boolean ours = request.startsWith("GET /api/v1/stores HTTP/1.1\r\nX-Forwarded"); // the missing Host is answered by the service
            boolean brokenBody = request.contains("\r\n\r\nzz"); // a bad chunk: answered with 400 if the connection lasts that long
            cases.add(new Case("framing " + abbreviate(request), request.getBytes(StandardCharsets.ISO_8859_1), ours, brokenBody));
        }
    }

    /** Live feed upgrades that must be refused. */
    private void upgrades(List<Case> cases) {
        for (String feed : List.of("/ws/traffic/realtime", "/ws/sales/live", "/ws/alerts")) {
            cases.add(upgrade(feed, null, null, null, false));
            cases.add(upgrade(feed, "Bearer garbage", null, null, false));
            cases.add(upgrade(feed + "?access_token=garbage", null, null, null, false));
            cases.add(upgrade(feed, null, "quarkus-http-upgrade#Authorization#Bearer%20garbage", null, true));
            cases.add(upgrade(feed, null, "retail.live.v1, quarkus-http-upgrade#Authorization#Bearer%20garbage", null, false));
            cases.add(upgrade(feed + "?storeId=%00", "Bearer " + admin, null, null, true));
            cases.add(upgrade(feed + "?storeId=UPPER", "Bearer " + admin, null, null, false));
            cases.add(upgrade(feed + "?storeId=no-such-store", "Bearer " + admin, null, null, false));
            cases.add(upgrade(feed + "?storeId=" + "a".repeat(300), "Bearer " + admin, null, null, false));
            cases.add(upgrade(feed + "?storeId=" + store, "Bearer " + admin, null, "http://evil.example", false));
            cases.add(upgrade(feed + "?storeId=" + store, "Bearer " + ingestToken, null, null, false));
        }
        cases.add(upgrade("/ws/nothing", "Bearer " + admin, null, null, true));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Building requests
    // ---------------------------------------------------------------------------------------------------------

    private Case json(String name, String method, String path, String token, byte[] body) {
        return new Case(name, RawHttp.request(method, path, headers(token, "application/json"), body), true);
    }

    private Case get(String path, String token) {
        return get(path, token, true);
    }

    private Case get(String path, String token, boolean problemBody) {
        return new Case("GET " + abbreviate(path), RawHttp.request("GET", path, headers(token, null), null), problemBody);
    }

    private Case upgrade(String path, String authorization, String subprotocols, String origin, boolean problemBody) {
        Map<String, String> h = headers(null, null);
        h.put("Connection", "Upgrade");
        h.put("Upgrade", "websocket");
        h.put("Sec-WebSocket-Version", "13");
        h.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        if (subprotocols != null) {
            h.put("Sec-WebSocket-Protocol", subprotocols);
        }
        if (origin != null) {
            h.put("Origin", origin);
        }
        // Quarkus answers refused upgrades itself, with a status and no body (HttpUpgradeCheck gives no way to add one).
        return new Case("upgrade " + abbreviate(path) + " " + abbreviate(String.valueOf(authorization)) + " "
                + subprotocols + " " + origin, RawHttp.request("GET", path, h, null), problemBody);
    }

    private Map<String, String> headers(String token, String contentType) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", base.getHost() + ":" + base.getPort());
        h.put("X-Forwarded-For", SOURCE);
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        return h;
    }

    private static String object(List<Field> fields, String replaced, String value) {
        StringBuilder json = new StringBuilder("{");
        for (Field field : fields) {
            json.append(json.length() > 1 ? "," : "").append('"').append(field.name()).append("\":")
                    .append(field.name().equals(replaced) ? value : field.valid());
        }
        return json.append('}').toString();
    }

    private static String without(List<Field> fields, String left) {
        return object(fields.stream().filter(f -> !f.name().equals(left)).toList(), null, null);
    }

    /** Bad values for a string field; {@code required}: null is bad too. */
    private static List<String> strings(boolean required) {
        List<String> bad = new ArrayList<>(List.of("1", "true", "[]", "{}", "1e400", "\"a\\u0000b\"", "\"a\\ud800b\"",
                "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\u00ffb\"", "\"\u00c0\u00af\"", "\"\u00ed\u00a0\u0080\"", "\"\u00e2\u0082\""));
        if (required) {
            bad.add("null");
        }
        return bad;
    }

    /** Bad values for a whole-number field; {@code required}: null is bad too. */
    private static List<String> numbers(boolean required) {
        List<String> bad = new ArrayList<>(List.of("-1", "1.5", "1.0", "\"1\"", "true", "[]", "{}", "1e400", "99999999999999999999",
                "NaN", "Infinity", "-Infinity", "01", "+1", ".5", "\"\"", "1e999999999", "0x10", "-"));
        if (required) {
            bad.add("null");
        }
        return bad;
    }

    private static List<String> plus(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }

    /** A JSON string literal (the text holds no quote or backslash). */
    private static String q(String text) {
        return "\"" + text + "\"";
    }

    /** The JSON text as bytes: UTF-8, except characters 0x80-0xFF written as themselves (raw, possibly invalid, bytes). */
    private static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x100) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    /** The valid body with raw bytes put into its first string value. */
    private static byte[] raw(String valid, String rawBytes) {
        int quote = valid.indexOf("\":\"");
        return bytes(valid.substring(0, quote + 3) + rawBytes + valid.substring(quote + 3));
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1024);
        for (int from = 0; from < body.length; from += 8192) {
            int n = Math.min(8192, body.length - from);
            byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(size, 0, size.length);
            out.write(body, from, n);
            out.write('\r');
            out.write('\n');
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…(" + oneLine.length() + ")" : oneLine;
    }
}

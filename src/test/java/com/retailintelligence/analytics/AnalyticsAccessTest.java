package com.retailintelligence.analytics;

import static com.retailintelligence.support.Api.as;
import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.tokenForNewUser;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.traffic;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.LogCapture;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** Store scope on every analytics and report path, and the bad-input answers: a clear 400 problem, nothing changed. */
@QuarkusTest
class AnalyticsAccessTest {

    @Inject
    Pool pool;

    @Test
    void aViewerOfStoreASeesNothingOfStoreB() {
        String a = uniqueStoreId("scope-a");
        String b = uniqueStoreId("scope-b");
        createStore(a, "Europe/Paris", "EUR");
        createStore(b, "Europe/Paris", "EUR");
        postTraffic(batch(List.of(traffic("a1", a, "2026-11-18T10:00:00Z", 5, 0), traffic("b1", b, "2026-11-18T10:00:00Z", 9, 0))))
                .statusCode(200);
        String viewer = tokenForNewUser(pool, Set.of(a), "viewer");

        for (String path : List.of("/api/v1/analytics/%s/summary", "/api/v1/analytics/%s/hourly", "/api/v1/reports/%s/daily",
                "/api/v1/reports/%s/weekly", "/api/v1/stores/%s/targets", "/api/v1/stores/%s/opening-hours")) {
            as(viewer).queryParam("date", "2026-11-18").get(String.format(path, b)).then().statusCode(404)
                    .contentType("application/problem+json").body("detail", containsString(b));
            as(viewer).queryParam("date", "2026-11-18").get(String.format(path, a)).then().statusCode(200);
        }
        as(viewer).queryParam("from", "2026-11-01").queryParam("to", "2026-11-30").get("/api/v1/analytics/" + b + "/range").then()
                .statusCode(404);
        as(viewer).queryParam("format", "png").get("/api/v1/reports/" + b + "/daily").then().statusCode(404);

        as(viewer).queryParam("date", "2026-11-18").get("/api/v1/analytics/summary").then().statusCode(200)
                .body("storeCount", equalTo(1), "stores[0].storeId", equalTo(a), "totals.visitors", equalTo(5),
                        "rankings.visitors[0].storeId", equalTo(a), "rankings.visitors.size()", equalTo(1));
        String csv = as(viewer).queryParam("date", "2026-11-18").queryParam("format", "csv").get("/api/v1/reports/summary").then()
                .statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(2, com.retailintelligence.support.CsvParsing.parse(csv).size(), csv);
        asAdmin().queryParam("date", "2026-11-18").get("/api/v1/analytics/summary").then().statusCode(200)
                .body("stores.storeId", hasItem(b));

        // A viewer reads targets but may not set them; a manager of A may set A's only.
        as(viewer).body("{}").contentType("application/json").put("/api/v1/stores/" + a + "/targets").then().statusCode(403);
        String manager = tokenForNewUser(pool, Set.of(a), "manager");
        as(manager).body("{\"friday\": {\"visitors\": 900}}").contentType("application/json").put("/api/v1/stores/" + a + "/targets").then()
                .statusCode(200).body("friday.visitors", equalTo(900));
        as(manager).body("{\"friday\": {\"visitors\": 900}}").contentType("application/json").put("/api/v1/stores/" + b + "/targets").then()
                .statusCode(404);
        asAdmin().get("/api/v1/stores/" + b + "/targets").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void badInputIsNeverAnErrorInTheLog() {
        try (LogCapture log = LogCapture.start()) {
            badQueriesAreClear400s();
            badTargetsAndOpeningHoursChangeNothing();
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), log.errorsAndStackTraces(), "a client's mistake is not our error");
        }
    }

    @Test
    void badQueriesAreClear400s() {
        String store = uniqueStoreId("bad");
        createStore(store, "UTC", "EUR");
        String base = "/api/v1/analytics/" + store;
        bad(base + "/summary", "date", "2026-13-01").body("errors[0].field", containsString("date"));
        bad(base + "/hourly", "date", "yesterday");
        bad(base + "/range", "to", "2026-01-31").body("detail", containsString("from"));
        bad(base + "/range", "from", "2026-01-31").body("detail", containsString("to"));
        bad(base + "/range", "from", "2026-02-01", "to", "2026-01-31").body("detail", equalTo("to: must not be before from"));
        bad(base + "/range", "from", "2025-01-01", "to", "2026-02-05").body("detail", containsString("at most 400 days"));
        bad(base + "/range", "from", "2026-01-01", "to", "2026-01-31", "bucket", "year").body("detail", containsString("day, week or month"));
        bad(base + "/range", "from", "2026-01-01", "to", "2026-01-31", "format", "xml");
        bad("/api/v1/analytics/summary", "top", "0");
        bad("/api/v1/analytics/summary", "top", "many");
        bad("/api/v1/reports/" + store + "/daily", "format", "pdf").body("detail", containsString("json, csv or png"));
        bad("/api/v1/reports/" + store + "/weekly", "week", "2026-49");
        bad("/api/v1/reports/" + store + "/weekly", "week", "2026-W54").body("detail", containsString("does not exist"));
        bad("/api/v1/reports/summary", "date", "2026-02-30");
        // Exactly 400 days is allowed.
        asAdmin().queryParam("from", "2025-01-01").queryParam("to", "2026-02-04").get(base + "/range").then().statusCode(200)
                .body("periods.size()", equalTo(400));
        asAdmin().get("/api/v1/analytics/no-such-store/summary").then().statusCode(404);
    }

    @Test
    void badTargetsAndOpeningHoursChangeNothing() {
        String store = uniqueStoreId("settings");
        createStore(store, "Europe/Madrid", "EUR");
        String targets = "/api/v1/stores/" + store + "/targets";
        String hours = "/api/v1/stores/" + store + "/opening-hours";
        asAdmin().body("{\"monday\": {\"visitors\": 100, \"revenue\": \"1000.00\", \"conversionRate\": 0.2}}").contentType("application/json")
                .put(targets).then().statusCode(200).body("monday.revenueMinor", equalTo(100000), "monday.currency", equalTo("EUR"));
        asAdmin().body("{\"monday\": {\"opens\": \"09:00\", \"closes\": \"21:00\"}}").contentType("application/json").put(hours).then()
                .statusCode(200);

        putBad(targets, "{\"funday\": {\"visitors\": 1}}", "funday");
        putBad(targets, "{\"monday\": {\"visitors\": -1}}", "monday.visitors");
        putBad(targets, "{\"monday\": {\"visitors\": 1.5}}", "monday.visitors");
        putBad(targets, "{\"monday\": {\"revenue\": \"10.001\"}}", "monday.revenue");
        putBad(targets, "{\"monday\": {\"revenue\": 10}}", "monday.revenue");
        putBad(targets, "{\"monday\": {\"conversionRate\": 1.5}}", "monday.conversionRate");
        putBad(targets, "{\"monday\": {\"conversion\": 0.2}}", "monday.conversion");
        putBad(targets, "{\"monday\": 5}", "monday");
        putBad(targets, "[]", "(body)");
        putBad(hours, "{\"monday\": {\"opens\": \"21:00\", \"closes\": \"09:00\"}}", "monday");
        putBad(hours, "{\"monday\": {\"opens\": \"09:30\", \"closes\": \"21:00\"}}", "monday.opens");
        putBad(hours, "{\"monday\": {\"opens\": \"09:00\"}}", "monday.closes");
        putBad(hours, "{\"monday\": {\"closed\": true, \"opens\": \"09:00\"}}", "monday");
        putBad(hours, "{\"monday\": {\"closed\": \"yes\"}}", "monday.closed");
        asAdmin().body("{not json").contentType("application/json").put(hours).then().statusCode(400)
                .contentType("application/problem+json");

        asAdmin().get(targets).then().statusCode(200).body("monday.visitors", equalTo(100), "monday.revenue", equalTo("1000.00"),
                "size()", equalTo(1));
        asAdmin().get(hours).then().statusCode(200).body("monday.opens", equalTo("09:00"), "monday.closes", equalTo("21:00"),
                "size()", equalTo(1));
        // Midnight closing and a closed day are fine.
        asAdmin().body("{\"friday\": {\"opens\": \"10:00\", \"closes\": \"24:00\"}, \"sunday\": {\"closed\": true}}")
                .contentType("application/json").put(hours).then().statusCode(200).body("friday.closes", equalTo("24:00"),
                        "sunday.closed", equalTo(true), "monday", equalTo(null));
    }

    private static io.restassured.response.ValidatableResponse bad(String path, String... query) {
        var request = asAdmin();
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get(path).then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    private static void putBad(String path, String body, String field) {
        asAdmin().body(body).contentType("application/json").put(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field), "errors[0].message", startsWith(""));
    }
}

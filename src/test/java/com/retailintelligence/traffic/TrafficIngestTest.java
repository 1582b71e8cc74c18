package com.retailintelligence.traffic;

import static com.retailintelligence.support.Api.as;
import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.traffic;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.access.Roles;
import com.retailintelligence.support.Api;
import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class TrafficIngestTest {

    @Inject
    Pool pool;

    private long rows(String storeId) {
        return Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1", storeId);
    }

    private static io.restassured.response.ValidatableResponse day(String storeId, String date) {
        return asAdmin().queryParam("date", date).get("/api/v1/traffic/" + storeId).then().statusCode(200);
    }

    @Test
    void sameBatchTwiceCountsOnce() {
        String store = uniqueStoreId("twice");
        createStore(store, "Europe/Lisbon", "EUR");
        String body = batch(List.of(traffic("e1", store, "2026-11-20T10:00:00Z", 3, 1),
                traffic("e2", store, "2026-11-20T10:01:00Z", 2, 0)));

        postTraffic(body).statusCode(200).body("accepted", equalTo(2), "duplicates", equalTo(0));
        postTraffic(body).statusCode(200).body("accepted", equalTo(0), "duplicates", equalTo(2));

        assertEquals(2, rows(store));
        day(store, "2026-11-20").body("totals.visitors", equalTo(5), "totals.exits", equalTo(1), "totals.occupancy", equalTo(4));
    }

    @Test
    void duplicateInsideOneBatchCountsOnce() {
        String store = uniqueStoreId("dupbatch");
        createStore(store, "UTC", "EUR");
        String event = traffic("same", store, "2026-11-20T10:00:00Z", 4, 0);
        postTraffic(batch(List.of(event, event))).statusCode(200).body("accepted", equalTo(1), "duplicates", equalTo(1));
        day(store, "2026-11-20").body("totals.visitors", equalTo(4));
    }

    @Test
    void tokyoEventBelongsToTheNextLocalDayAtHourZero() {
        String store = uniqueStoreId("tokyo");
        createStore(store, "Asia/Tokyo", "JPY");
        postTraffic(batch(List.of(traffic("t1", store, "2026-11-25T15:30:00Z", 7, 2)))).statusCode(200);

        day(store, "2026-11-26")
                .body("timezone", equalTo("Asia/Tokyo"), "bucket", equalTo("hour"), "series.size()", equalTo(24))
                .body("series[0].start", equalTo("2026-11-26T00:00:00+09:00"), "series[0].visitors", equalTo(7),
                        "series[0].exits", equalTo(2), "series[1].visitors", equalTo(0), "totals.visitors", equalTo(7));
        day(store, "2026-11-25").body("totals.visitors", equalTo(0));
        asAdmin().queryParam("date", "2026-11-26").queryParam("bucket", "minute").get("/api/v1/traffic/" + store)
                .then().statusCode(200).body("series.size()", equalTo(1440), "series[30].visitors", equalTo(7),
                        "series[30].start", equalTo("2026-11-26T00:30:00+09:00"));
    }

    @Test
    void daylightSavingDaysHave25Or23HourBuckets() {
        String store = uniqueStoreId("dst");
        createStore(store, "Europe/Lisbon", "EUR");
        // 2026-10-25: clocks go back at 02:00 WEST, so 01:00-02:00 local happens twice (00:xx UTC and 01:xx UTC).
        postTraffic(batch(List.of(traffic("first-one", store, "2026-10-25T00:30:00Z", 2, 0),
                traffic("second-one", store, "2026-10-25T01:30:00Z", 5, 0),
                traffic("spring", store, "2026-03-29T02:30:00Z", 1, 0)))).statusCode(200);
        day(store, "2026-10-25").body("series.size()", equalTo(25),
                "series[1].start", equalTo("2026-10-25T01:00:00+01:00"), "series[1].visitors", equalTo(2),
                "series[2].start", equalTo("2026-10-25T01:00:00Z"), "series[2].visitors", equalTo(5),
                "totals.visitors", equalTo(7));
        // 2026-03-29: clocks go forward at 01:00 WET, the day has 23 hours.
        day(store, "2026-03-29").body("series.size()", equalTo(23), "totals.visitors", equalTo(1));
    }

    @Test
    void dateDefaultsToTheStoresToday() {
        String store = uniqueStoreId("today");
        createStore(store, "Pacific/Auckland", "NZD");
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        postTraffic(batch(List.of(traffic("n1", store, now, 2, 0)))).statusCode(200);
        asAdmin().get("/api/v1/traffic/" + store).then().statusCode(200).body("totals.visitors", equalTo(2));
    }

    @Test
    void invalidBatchListsEveryBadEventAndChangesNothing() {
        String store = uniqueStoreId("invalid");
        createStore(store, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("ok", store, "2026-11-20T10:00:00Z", 1, 0)))).statusCode(200);

        String future = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        String body = "[" + traffic("good", store, "2026-11-20T11:00:00Z", 5, 5) + ","
                + "{\"id\":\"x\",\"storeId\":\"" + store + "\",\"sensorId\":\"d\",\"timestamp\":\"yesterday\",\"in\":-1,\"out\":2.5},"
                + traffic("f", store, future, 1, 0) + ","
                + "{\"storeId\":\"" + store + "\",\"timestamp\":\"2026-11-20T10:00:00+01:00\",\"in\":\"3\",\"out\":0},"
                + "42]";
        postTraffic(body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("[1].timestamp", "[1].in", "[1].out", "[2].timestamp",
                        "[3].id", "[3].sensorId", "[3].in", "[4]"));

        assertEquals(1, rows(store));
        day(store, "2026-11-20").body("totals.visitors", equalTo(1));
    }

    @Test
    void unknownStoreIsNamedAndNothingIsStored() {
        String store = uniqueStoreId("known");
        createStore(store, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("k1", store, "2026-11-20T10:00:00Z", 1, 0),
                traffic("u1", "no-such-store", "2026-11-20T10:00:00Z", 1, 0))))
                .statusCode(400).body("detail", containsString("'no-such-store'"))
                .body("errors.field", containsInAnyOrder("[1].storeId"));
        assertEquals(0, rows(store));
    }

    @Test
    void storeDeletedBehindTheCachesBackIsRejectedCleanly() {
        String store = uniqueStoreId("vanished");
        createStore(store, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("v1", store, "2026-11-20T10:00:00Z", 1, 0)))).statusCode(200);
        // Deleted straight in PostgreSQL (as by another replica), while this replica still remembers the store.
        Sql.query(pool, "DELETE FROM rollups WHERE store_id = $1", store);
        Sql.query(pool, "DELETE FROM traffic_events WHERE store_id = $1", store);
        Sql.query(pool, "DELETE FROM stores WHERE id = $1", store);
        postTraffic(batch(List.of(traffic("v2", store, "2026-11-20T10:00:00Z", 1, 0))))
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("no longer exists"));
        assertEquals(0, rows(store), "the rejected statement stored no event");
        postTraffic(batch(List.of(traffic("v3", store, "2026-11-20T10:00:00Z", 1, 0))))
                .statusCode(400).body("errors.field", containsInAnyOrder("[0].storeId"));
    }

    @Test
    void emptyOrNonArrayBodiesAreRejected() {
        postTraffic("[]").statusCode(400).contentType("application/problem+json");
        postTraffic("{\"id\":\"x\"}").statusCode(400).body("detail", containsString("array"));
        postTraffic("[{\"id\":").statusCode(400).body("detail", containsString("Malformed JSON"));
        postTraffic("").statusCode(400);
    }

    @Test
    void overAThousandEventsIsTooLarge() {
        String store = uniqueStoreId("big");
        createStore(store, "UTC", "EUR");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(traffic("b" + i, store, "2026-11-20T10:00:00Z", 1, 0));
        }
        postTraffic(batch(events)).statusCode(413).contentType("application/problem+json");
        assertEquals(0, rows(store));
        postTraffic(batch(events.subList(0, 1000))).statusCode(200).body("accepted", equalTo(1000));
    }

    @Test
    void overOneMebibyteIsTooLarge() {
        String padding = "x".repeat(1_100_000);
        postTraffic("[{\"id\":\"" + padding + "\"}]").statusCode(413).contentType("application/problem+json");
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        asAdmin().contentType(ContentType.TEXT).body("[]").post("/api/v1/traffic/events")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void ingestNeedsAnIngestingPrincipal() {
        given().contentType(ContentType.JSON).body("[]").post("/api/v1/traffic/events").then().statusCode(401);
        String viewer = Api.tokenForNewUser(pool, Roles.VIEWER);
        as(viewer).body("[]").post("/api/v1/traffic/events").then().statusCode(403);
        String store = uniqueStoreId("ingestrole");
        createStore(store, "UTC", "EUR");
        String ingest = Api.tokenForNewUser(pool, java.util.Set.of(store), Roles.INGEST);
        as(ingest).body(batch(List.of(traffic("i1", store, "2026-11-20T10:00:00Z", 1, 0))))
                .post("/api/v1/traffic/events").then().statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void readsCheckStoreAndParameters() {
        asAdmin().get("/api/v1/traffic/no-such-store").then().statusCode(404).contentType("application/problem+json");
        String store = uniqueStoreId("params");
        createStore(store, "UTC", "EUR");
        asAdmin().queryParam("date", "26/11/2026").queryParam("bucket", "week").get("/api/v1/traffic/" + store)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("date", "bucket"));
        given().get("/api/v1/traffic/" + store).then().statusCode(401);
    }
}

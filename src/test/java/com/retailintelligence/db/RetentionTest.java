package com.retailintelligence.db;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * With retention on, maintenance drops the raw-event partitions and minute rollups older than the settings,
 * and the figures of the kept days (and the hour and day figures of the dropped ones) stay exactly the same.
 */
@QuarkusTest
@TestProfile(RetentionTest.WithRetention.class)
class RetentionTest {

    /** 36 months of raw events, 1000 days of minute rollups; the data below is 40 and 30 months old. */
    public static class WithRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retail.retention.raw-events-months", "36", "retail.retention.minute-rollups-days", "1000",
                    "retail.retention.maintenance-interval", "1h");
        }
    }

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM");

    @Inject
    Pool pool;

    @Inject
    PartitionMaintenance maintenance;

    private boolean exists(String relation) {
        return Sql.query(pool, "SELECT to_regclass($1) IS NOT NULL AS present", relation).iterator().next().getBoolean("present");
    }

    /** What the REST API shows of a store-day: traffic per hour and per minute, sales per hour, with totals. */
    private static List<Object> figures(String store, LocalDate day, boolean minutes) {
        List<Object> figures = new ArrayList<>();
        for (String kind : List.of("traffic", "sales")) {
            var json = asAdmin().queryParam("date", day.toString()).get("/api/v1/" + kind + "/" + store).then().statusCode(200)
                    .extract().jsonPath();
            figures.add(json.getList("series"));
            figures.add(json.getMap("totals"));
        }
        if (minutes) {
            figures.add(asAdmin().queryParam("date", day.toString()).queryParam("bucket", "minute").get("/api/v1/traffic/" + store)
                    .then().statusCode(200).extract().jsonPath().getList("series"));
        }
        return figures;
    }

    private static void events(String store, LocalDate day, String prefix) {
        List<String> readings = new ArrayList<>();
        List<String> sales = new ArrayList<>();
        for (int hour = 8; hour < 20; hour++) {
            String at = day.atTime(hour, 7).toInstant(ZoneOffset.UTC).toString();
            readings.add(traffic(prefix + "-t" + hour, store, at, hour, hour / 2));
            sales.add(sale(prefix + "-s" + hour, store, at, hour + ".25", "EUR", hour % 5 == 0 ? "refund" : "sale"));
        }
        postTraffic(batch(readings)).statusCode(200).body("accepted", equalTo(12));
        postSales(batch(sales)).statusCode(200).body("accepted", equalTo(12));
    }

    private long minuteRollups(String store, LocalDate day) {
        return Sql.count(pool, "SELECT count(*) FROM rollups WHERE store_id = $1 AND local_day = $2 AND bucket = 'minute'", store, day);
    }

    @Test
    void oldPartitionsAndMinuteRollupsGoAndTheKeptFiguresStayTheSame() {
        LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        LocalDate oldMonth = thisMonth.minusMonths(40);
        LocalDate keptMonth = thisMonth.minusMonths(30);
        for (LocalDate month : List.of(oldMonth, keptMonth)) {
            Sql.query(pool, "SELECT retail_create_event_partitions($1, 0)", month.atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        String oldTraffic = "traffic_events_p" + oldMonth.format(MONTH);
        String oldSales = "sales_events_p" + oldMonth.format(MONTH);
        String keptTraffic = "traffic_events_p" + keptMonth.format(MONTH);
        assertTrue(exists(oldTraffic) && exists(oldSales) && exists(keptTraffic));

        String store = uniqueStoreId("retention");
        createStore(store, "UTC", "EUR");
        LocalDate oldDay = oldMonth.plusDays(9);
        LocalDate keptDay = keptMonth.plusDays(9);
        events(store, oldDay, "old");
        events(store, keptDay, "kept");
        assertTrue(minuteRollups(store, oldDay) > 0 && minuteRollups(store, keptDay) > 0);
        List<Object> keptBefore = figures(store, keptDay, true);
        List<Object> oldBefore = figures(store, oldDay, false);
        asAdmin().queryParam("date", keptDay.toString()).get("/api/v1/traffic/" + store).then()
                .body("totals.visitors", equalTo(8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19));

        PartitionMaintenance.Result result = maintenance.runOnce(Instant.now()).await().atMost(Duration.ofSeconds(60));

        assertTrue(result.droppedPartitions().contains(oldTraffic) && result.droppedPartitions().contains(oldSales), result.toString());
        assertFalse(exists(oldTraffic));
        assertFalse(exists(oldSales));
        assertTrue(exists(keptTraffic));
        assertTrue(exists("traffic_events_default"));
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1 AND occurred_at < $2", store,
                keptMonth.atStartOfDay().atOffset(ZoneOffset.UTC)));
        assertEquals(12, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1", store));
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM traffic_event_ids WHERE store_id = $1 AND event_id LIKE 'old-%'", store));
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM sales_event_ids WHERE store_id = $1 AND event_id LIKE 'old-%'", store));
        assertEquals(12, Sql.count(pool, "SELECT count(*) FROM sales_event_ids WHERE store_id = $1 AND event_id LIKE 'kept-%'", store));
        assertTrue(result.deletedMinuteRollups() > 0);
        assertEquals(0, minuteRollups(store, oldDay), "minute rollups older than 1000 days are deleted");
        assertTrue(minuteRollups(store, keptDay) > 0, "younger minute rollups stay");

        assertEquals(keptBefore, figures(store, keptDay, true), "the kept day's figures are unchanged");
        assertEquals(oldBefore, figures(store, oldDay, false), "hour and day rollups of the dropped month stay");

        // A second pass finds nothing more to do.
        PartitionMaintenance.Result again = maintenance.runOnce(Instant.now()).await().atMost(Duration.ofSeconds(60));
        assertTrue(again.droppedPartitions().isEmpty(), again.toString());
        assertEquals(0, again.deletedMinuteRollups());
    }

    @Test
    void aRebuildReachingIntoDroppedMonthsIsRefused() {
        LocalDate firstKept = maintenance.firstRebuildableDay(Instant.now());
        assertEquals(LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusMonths(36).plusDays(1), firstKept);
        asAdmin().queryParam("from", firstKept.minusDays(1).toString()).post("/api/v1/admin/aggregates/rebuild").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("from: must be " + firstKept + " or later"));
        asAdmin().post("/api/v1/admin/aggregates/rebuild").then().statusCode(400).contentType("application/problem+json");
        String store = uniqueStoreId("retention-rebuild");
        createStore(store, "UTC", "EUR");
        asAdmin().queryParam("storeId", store).queryParam("from", firstKept.toString()).queryParam("to", firstKept.toString())
                .post("/api/v1/admin/aggregates/rebuild").then().statusCode(200);
    }
}

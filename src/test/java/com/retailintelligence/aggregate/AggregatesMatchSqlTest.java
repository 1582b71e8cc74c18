package com.retailintelligence.aggregate;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** The served series and totals equal plain SQL over the raw events, for several stores, zones and days. */
@QuarkusTest
class AggregatesMatchSqlTest {

    private static final String[][] STORES = { { "Asia/Kolkata", "INR" }, { "America/New_York", "USD" }, { "Europe/Lisbon", "EUR" } };
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 18);

    @Inject
    Pool pool;

    @Test
    void seriesAndTotalsEqualSqlOverRawEvents() {
        Random random = new Random(42);
        List<String[]> stores = new ArrayList<>();
        for (String[] zone : STORES) {
            String id = uniqueStoreId("sql");
            createStore(id, zone[0], zone[1]);
            stores.add(new String[] { id, zone[0], zone[1] });
        }
        Instant start = FIRST_DAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        for (int b = 0; b < 6; b++) {
            for (String[] store : stores) {
                List<String> readings = new ArrayList<>();
                List<String> sales = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    String at = start.plusSeconds(random.nextInt(3 * 24 * 3600)).toString();
                    readings.add(traffic("t" + b + "-" + i, store[0], at, random.nextInt(6), random.nextInt(5)));
                    String amount = random.nextInt(200) + "." + String.format("%02d", random.nextInt(100));
                    sales.add(sale("s" + b + "-" + i, store[0], at, amount, store[2], random.nextInt(8) == 0 ? "refund" : "sale"));
                }
                // Retries of a part of the batch must not change anything.
                postTraffic(batch(readings)).statusCode(200);
                postTraffic(batch(readings.subList(0, 30))).statusCode(200);
                postSales(batch(sales)).statusCode(200);
            }
        }
        for (String[] store : stores) {
            for (int d = 0; d < 4; d++) {
                LocalDate day = FIRST_DAY.plusDays(d);
                assertTrafficMatches(store[0], store[1], day);
                assertSalesMatch(store[0], store[1], day);
            }
        }
    }

    private void assertTrafficMatches(String storeId, String zone, LocalDate day) {
        Map<LocalDateTime, long[]> expected = new HashMap<>();
        for (Row row : Sql.query(pool, "SELECT date_trunc('hour', occurred_at AT TIME ZONE $2) AS hour, sum(in_count) AS i, "
                + "sum(out_count) AS o FROM traffic_events WHERE store_id = $1 AND (occurred_at AT TIME ZONE $2)::date = $3 "
                + "GROUP BY 1", storeId, zone, day)) {
            expected.put(row.getLocalDateTime("hour"), new long[] { row.getLong("i"), row.getLong("o") });
        }
        JsonPath json = asAdmin().queryParam("date", day.toString()).get("/api/v1/traffic/" + storeId)
                .then().statusCode(200).extract().jsonPath();
        long in = 0;
        long out = 0;
        List<Map<String, Object>> series = json.getList("series");
        for (Map<String, Object> point : series) {
            LocalDateTime hour = OffsetDateTime.parse((String) point.get("start")).toLocalDateTime();
            long[] sums = expected.getOrDefault(hour, new long[2]);
            assertEquals(sums[0], ((Number) point.get("visitors")).longValue(), storeId + " " + hour);
            assertEquals(sums[1], ((Number) point.get("exits")).longValue(), storeId + " " + hour);
            in += sums[0];
            out += sums[1];
        }
        assertEquals(in, json.getLong("totals.visitors"), storeId + " " + day);
        assertEquals(out, json.getLong("totals.exits"), storeId + " " + day);
        assertEquals(Math.max(0, in - out), json.getLong("totals.occupancy"), storeId + " " + day);
        assertEquals(expected.values().stream().mapToLong(v -> v[0]).sum(), in, "every hour with data is in the series");
    }

    private void assertSalesMatch(String storeId, String zone, LocalDate day) {
        Row totals = Sql.query(pool, "SELECT count(*) FILTER (WHERE kind = 'sale') AS transactions, "
                + "coalesce(sum(amount_minor) FILTER (WHERE kind = 'sale'), 0) - coalesce(sum(amount_minor) FILTER (WHERE kind = 'refund'), 0) AS net "
                + "FROM sales_events WHERE store_id = $1 AND (occurred_at AT TIME ZONE $2)::date = $3", storeId, zone, day)
                .iterator().next();
        JsonPath json = asAdmin().queryParam("date", day.toString()).get("/api/v1/sales/" + storeId)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(totals.getLong("transactions"), json.getLong("totals.transactions"), storeId + " " + day);
        assertEquals(totals.getLong("net"), json.getLong("totals.revenueMinor"), storeId + " " + day);
    }
}

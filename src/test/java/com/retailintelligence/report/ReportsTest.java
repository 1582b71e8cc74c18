package com.retailintelligence.report;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.redis.RedisKeys;
import com.retailintelligence.support.CsvParsing;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Reports in their three formats, and the cache: a late event rebuilds the reports of its day, and only those. */
@QuarkusTest
class ReportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RedisKeys keys;

    private static byte[] report(String path, String... query) {
        var request = asAdmin();
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        return request.get(path).then().statusCode(200).extract().asByteArray();
    }

    private static String seededStore(String timezone) {
        String store = uniqueStoreId("rpt");
        createStore(store, timezone, "EUR");
        postTraffic(batch(List.of(traffic("a", store, "2026-11-18T09:05:00Z", 40, 10), traffic("b", store, "2026-11-18T15:30:00Z", 25, 30),
                traffic("c", store, "2026-11-11T10:00:00Z", 30, 30), traffic("d", store, "2026-11-16T10:00:00Z", 12, 12)))).statusCode(200);
        postSales(batch(List.of(sale("s", store, "2026-11-18T09:30:00Z", "19.90", "EUR", "sale"),
                sale("t", store, "2026-11-18T15:45:00Z", "5.10", "EUR", "sale")))).statusCode(200);
        return store;
    }

    @Test
    void dailyReportInThreeFormats() throws Exception {
        String store = seededStore("Europe/Berlin");
        JsonNode json = JSON.readTree(report("/api/v1/reports/" + store + "/daily", "date", "2026-11-18", "format", "json"));
        assertEquals("daily", json.get("kind").asText());
        assertEquals(65, json.at("/summary/figures/visitors").asLong());
        assertEquals(30, json.at("/summary/comparison/lastWeek/figures/visitors/value").asLong());
        assertEquals(24, json.get("hours").size());
        assertEquals(40, json.get("hours").get(10).get("visitors").asLong());
        assertEquals(0, json.get("hours").get(10).get("lastWeekVisitors").asLong());
        assertEquals(30, json.get("hours").get(11).get("lastWeekVisitors").asLong());

        List<List<String>> csv = CsvParsing.parse(
                new String(report("/api/v1/reports/" + store + "/daily", "date", "2026-11-18", "format", "csv"), "UTF-8"));
        assertEquals(List.of("hour", "start", "open", "visitors", "exits", "transactions", "items", "revenue", "conversionRate",
                "lastWeekVisitors", "lastWeekTransactions", "lastWeekRevenue", "currency"), csv.get(0));
        assertEquals(1 + 24 + 1, csv.size());
        assertEquals("10:00", csv.get(11).get(0));
        assertEquals("40", csv.get(11).get(3));
        assertEquals("19.90", csv.get(11).get(7));
        assertEquals(List.of("total", "2026-11-18", "", "65", "40", "2", "2", "25.00"), csv.get(25).subList(0, 8));

        byte[] png = report("/api/v1/reports/" + store + "/daily", "date", "2026-11-18", "format", "png");
        assertPng(png);
    }

    @Test
    void weeklyReportComparesWithTheWeekBefore() throws Exception {
        String store = seededStore("Europe/Berlin");
        // ISO week 2026-W47: Monday 16 to Sunday 22 November.
        JsonNode json = JSON.readTree(report("/api/v1/reports/" + store + "/weekly", "week", "2026-W47"));
        assertEquals("2026-11-16", json.get("from").asText());
        assertEquals("2026-11-22", json.get("to").asText());
        assertEquals(7, json.get("days").size());
        assertEquals(65 + 12, json.at("/figures/visitors").asLong());
        assertEquals(30, json.at("/comparison/previousWeek/figures/visitors/value").asLong());
        assertEquals(156.67, json.at("/comparison/previousWeek/figures/visitors/changePercent").asDouble());
        assertFalse(json.at("/comparison/lastYear/hasData").asBoolean());
        assertEquals(30, json.get("previousWeekVisitors").get(2).asLong(), "Wednesday 11 November");

        List<List<String>> csv = CsvParsing.parse(
                new String(report("/api/v1/reports/" + store + "/weekly", "week", "2026-W47", "format", "csv"), "UTF-8"));
        assertEquals(1 + 7 + 1, csv.size());
        assertEquals("Wednesday", csv.get(3).get(0));
        assertEquals("65", csv.get(3).get(2));
        assertPng(report("/api/v1/reports/" + store + "/weekly", "week", "2026-W47", "format", "png"));
    }

    @Test
    void summaryReportAcrossStores() throws Exception {
        String store = seededStore("Europe/Berlin");
        List<List<String>> csv = CsvParsing.parse(
                new String(report("/api/v1/reports/summary", "date", "2026-11-18", "format", "csv"), "UTF-8"));
        assertEquals("storeId", csv.get(0).get(0));
        assertTrue(csv.stream().anyMatch(row -> row.get(0).equals(store) && row.get(4).equals("65")), "the store's row");
        assertPng(report("/api/v1/reports/summary", "date", "2026-11-18", "format", "png"));
    }

    @Test
    void aLateEventRebuildsTheReportsOfItsDayOnly() throws Exception {
        String store = uniqueStoreId("late");
        createStore(store, "UTC", "EUR");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate yesterday = today.minusDays(1);
        LocalDate dayBefore = today.minusDays(2);
        postTraffic(batch(List.of(traffic("y1", store, yesterday + "T12:00:00Z", 10, 0),
                traffic("b1", store, dayBefore + "T12:00:00Z", 7, 0)))).statusCode(200);

        byte[] yesterdayReport = report("/api/v1/reports/" + store + "/daily", "date", yesterday.toString(), "format", "csv");
        byte[] dayBeforeReport = report("/api/v1/reports/" + store + "/daily", "date", dayBefore.toString(), "format", "csv");
        assertEquals(10, summaryVisitors(store, yesterday));
        assertEquals(7, summaryVisitors(store, dayBefore));
        List<String> cachedBefore = cachedReports(store);
        assertEquals(2, cachedBefore.size(), "both ended days' reports are cached: " + cachedBefore);

        String yesterdayVersion = version(store, yesterday);
        String dayBeforeVersion = version(store, dayBefore);
        // A late reading for yesterday, as a sensor that was offline sends it now.
        postTraffic(batch(List.of(traffic("y2", store, yesterday + "T18:00:00Z", 5, 0)))).statusCode(200);

        String changed = version(store, yesterday);
        assertNotNull(changed);
        assertFalse(changed.equals(yesterdayVersion), "yesterday's version changed");
        Thread.sleep(2500); // a sync writes the same rows again: versions stay as they are
        assertEquals(changed, version(store, yesterday));
        assertEquals(dayBeforeVersion, version(store, dayBefore), "the day before was not touched");
        assertEquals(15, summaryVisitors(store, yesterday));
        byte[] rebuilt = report("/api/v1/reports/" + store + "/daily", "date", yesterday.toString(), "format", "csv");
        assertTrue(new String(rebuilt, "UTF-8").contains("total," + yesterday + ",,15,"), new String(rebuilt, "UTF-8"));
        assertFalse(java.util.Arrays.equals(yesterdayReport, rebuilt));

        // The day before: same figures, and its cached report is the one served (its key did not change).
        assertEquals(7, summaryVisitors(store, dayBefore));
        assertArrayEquals(dayBeforeReport, report("/api/v1/reports/" + store + "/daily", "date", dayBefore.toString(), "format", "csv"));
        List<String> cachedAfter = cachedReports(store);
        assertTrue(cachedAfter.containsAll(cachedBefore.stream().filter(k -> k.contains(":" + dayBefore + ":")).toList()));
        assertEquals(3, cachedAfter.size(), "yesterday's rebuilt report is cached under its new version: " + cachedAfter);
    }

    private static long summaryVisitors(String store, LocalDate date) throws Exception {
        return JSON.readTree(report("/api/v1/analytics/" + store + "/summary", "date", date.toString())).at("/figures/visitors").asLong();
    }

    private String version(String store, LocalDate day) {
        return redis.value(String.class).get(keys.dayVersion(store, day)).await().atMost(Duration.ofSeconds(5));
    }

    private List<String> cachedReports(String store) {
        String pattern = keys.report(store, "daily:*", "*");
        return redis.key().keys(pattern).await().atMost(Duration.ofSeconds(5));
    }

    private static void assertPng(byte[] png) throws Exception {
        assertTrue(png.length > 10_000 && png.length < 500_000, "a chart of sensible size: " + png.length + " bytes");
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "a PNG that decodes");
        assertEquals(ChartRenderer.WIDTH, image.getWidth());
        assertEquals(ChartRenderer.HEIGHT, image.getHeight());
    }
}

package com.retailintelligence.analytics;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.CsvParsing;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every figure of the analytics on a data set whose answers are worked out by hand below: a store in Berlin with
 * two weeks of history, targets and opening hours; a store on UTC+14; a day with sales but no visitors; a DST day.
 */
@QuarkusTest
class AnalyticsFiguresTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String berlin = uniqueStoreId("berlin");
    private static final String kiritimati = uniqueStoreId("kiri");
    private static final String kathmandu = uniqueStoreId("ktm");
    private static boolean seeded;

    static JsonNode get(String path, String... query) {
        var request = asAdmin();
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam(query[i], query[i + 1]);
        }
        String body = request.get(path).then().statusCode(200).extract().asString();
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    /** Once for the class, after Quarkus has started (RestAssured knows its port then). */
    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        createStore(berlin, "Europe/Berlin", "EUR");
        // Wednesday 2026-11-18, Berlin = UTC+1: 10:05 in 10; 10:40 in 5 out 3; 14:10 in 20 out 12.
        // The week before (11-11): 12:00 in 28 out 28, one sale of 20.00. Two weeks before (11-04): 12:00 in 14.
        postTraffic(batch(List.of(
                traffic("d1", berlin, "2026-11-18T09:05:00Z", 10, 0),
                traffic("d2", berlin, "2026-11-18T09:40:00Z", 5, 3),
                traffic("d3", berlin, "2026-11-18T13:10:00Z", 20, 12),
                traffic("w1", berlin, "2026-11-11T11:00:00Z", 28, 28),
                traffic("w2", berlin, "2026-11-04T11:00:00Z", 14, 0),
                // DST: 2026-10-25 has 25 hours in Berlin; 00:30Z is 02:30 CEST, 01:30Z is 02:30 CET.
                traffic("dst1", berlin, "2026-10-25T00:30:00Z", 3, 0),
                traffic("dst2", berlin, "2026-10-25T01:30:00Z", 5, 1)))).statusCode(200);
        // 10:15 sale 30.00; 14:20 sale 12.50; 14:30 sale 7.49; 15:00 refund 5.00 (one item each).
        postSales(batch(List.of(
                sale("s1", berlin, "2026-11-18T09:15:00Z", "30.00", "EUR", "sale"),
                sale("s2", berlin, "2026-11-18T13:20:00Z", "12.50", "EUR", "sale"),
                sale("s3", berlin, "2026-11-18T13:30:00Z", "7.49", "EUR", "sale"),
                sale("r1", berlin, "2026-11-18T14:00:00Z", "5.00", "EUR", "refund"),
                sale("ws1", berlin, "2026-11-11T11:10:00Z", "20.00", "EUR", "sale")))).statusCode(200);
        asAdmin().body("{\"wednesday\": {\"visitors\": 50, \"revenue\": \"100.00\", \"conversionRate\": 0.1}}")
                .put("/api/v1/stores/" + berlin + "/targets").then().statusCode(200);
        asAdmin().body("{\"wednesday\": {\"opens\": \"10:00\", \"closes\": \"14:00\"}, \"sunday\": {\"closed\": true}}")
                .put("/api/v1/stores/" + berlin + "/opening-hours").then().statusCode(200);

        // UTC+14: 2026-11-17T10:30Z is 00:30 on the 18th there; 2026-11-18T09:59Z is 23:59; 10:00Z is already the 19th.
        createStore(kiritimati, "Pacific/Kiritimati", "USD");
        postTraffic(batch(List.of(traffic("k1", kiritimati, "2026-11-17T10:30:00Z", 4, 1),
                traffic("k2", kiritimati, "2026-11-18T10:00:00Z", 7, 0)))).statusCode(200);
        postSales(batch(List.of(sale("ks1", kiritimati, "2026-11-18T09:59:00Z", "10.00", "USD", "sale")))).statusCode(200);

        // Sales but nobody counted in (a sensor down): the ratios per visitor are null, never 0 or NaN.
        createStore(kathmandu, "Asia/Kathmandu", "NPR");
        postSales(batch(List.of(sale("n1", kathmandu, "2026-11-18T06:00:00Z", "800.00", "NPR", "sale")))).statusCode(200);
    }

    @Test
    void theDayFiguresMatchTheHandCount() {
        JsonNode f = get("/api/v1/analytics/" + berlin + "/summary", "date", "2026-11-18").get("figures");
        assertEquals(35, f.get("visitors").asLong());
        assertEquals(15, f.get("exits").asLong());
        assertEquals(20, f.get("occupancy").asLong());
        // Occupancy after each minute: 10, 12, 20 (14:10 local).
        assertEquals(20, f.at("/peakOccupancy/value").asLong());
        assertEquals("2026-11-18T14:10:00+01:00", f.at("/peakOccupancy/at").asText());
        assertEquals(3, f.get("transactions").asLong());
        assertEquals(3, f.get("items").asLong());
        assertEquals(1, f.get("refundCount").asLong());
        assertEquals("44.99", f.get("revenue").asText());
        assertEquals(4499, f.get("revenueMinor").asLong());
        assertEquals("49.99", f.get("grossSales").asText());
        assertEquals("5.00", f.get("refunds").asText());
        assertEquals(3.0 / 35, f.get("conversionRate").asDouble());
        // 44.99 / 3 = 14.9966… → 15.00; 44.99 / 35 = 1.2854… → 1.29 (half up, in cents).
        assertEquals("15.00", f.get("atv").asText());
        assertEquals(1500, f.get("atvMinor").asLong());
        assertEquals(1.0, f.get("upt").asDouble());
        assertEquals("1.29", f.get("salesPerVisitor").asText());
        assertEquals("14:00", f.at("/peakHour/hour").asText());
        assertEquals(20, f.at("/peakHour/visitors").asLong());
        assertEquals("EUR", f.get("currency").asText());
    }

    @Test
    void comparisonWithLastWeekAndLastYear() {
        JsonNode c = get("/api/v1/analytics/" + berlin + "/summary", "date", "2026-11-18").get("comparison");
        JsonNode week = c.get("lastWeek");
        assertEquals("2026-11-11", week.get("date").asText());
        assertTrue(week.get("hasData").asBoolean());
        assertEquals(28, week.at("/figures/visitors/value").asLong());
        assertEquals(7, week.at("/figures/visitors/change").asLong());
        assertEquals(25.0, week.at("/figures/visitors/changePercent").asDouble());
        assertEquals("20.00", week.at("/figures/revenue/value").asText());
        assertEquals("24.99", week.at("/figures/revenue/change").asText());
        assertEquals(124.95, week.at("/figures/revenue/changePercent").asDouble());
        assertEquals(1.0 / 28, week.at("/figures/conversionRate/value").asDouble());
        assertEquals(3.0 / 35 - 1.0 / 28, week.at("/figures/conversionRate/change").asDouble(), 1e-15);
        // (3/35 − 1/28) ÷ (1/28) = 1.4 → 140 %.
        assertEquals(140.0, week.at("/figures/conversionRate/changePercent").asDouble());
        // Last week's refunds were 0: a change in percent of nothing is null.
        assertEquals("0.00", week.at("/figures/refunds/value").asText());
        assertTrue(week.at("/figures/refunds/changePercent").isNull());

        JsonNode year = c.get("lastYear");
        assertEquals("2025-11-19", year.get("date").asText());
        assertEquals("WEDNESDAY", java.time.LocalDate.parse("2025-11-19").getDayOfWeek().name());
        assertFalse(year.get("hasData").asBoolean());
        assertTrue(year.at("/figures/visitors/value").isNull());
        assertTrue(year.at("/figures/visitors/change").isNull());
        assertTrue(year.at("/figures/visitors/changePercent").isNull());
    }

    @Test
    void forecastFromTheSameWeekdayOfPreviousWeeks() {
        JsonNode forecast = get("/api/v1/analytics/" + berlin + "/summary", "date", "2026-11-18").get("forecast");
        assertEquals("same-weekday-mean", forecast.get("method").asText());
        assertEquals(2, forecast.get("weeksUsed").asInt());
        assertEquals("[\"2026-11-11\",\"2026-11-04\"]", forecast.get("daysUsed").toString());
        // 12:00 local: (28 + 14) / 2 = 21 visitors, (20.00 + 0) / 2 = 10.00; no other hour had anybody.
        assertEquals(21, forecast.at("/day/visitors").asLong());
        assertEquals("10.00", forecast.at("/day/revenue").asText());
        assertEquals(0, forecast.get("hours").size(), "a past day has no hours left");
        assertEquals(35.0 / 21, forecast.at("/onTrack/visitors").asDouble(), 0.00005);
        assertEquals(4.499, forecast.at("/onTrack/revenue").asDouble());

        // One week of history is not enough.
        JsonNode earlier = get("/api/v1/analytics/" + berlin + "/summary", "date", "2026-11-11");
        assertTrue(earlier.get("forecast").isNull());
    }

    @Test
    void targetsAndOpeningHours() {
        JsonNode s = get("/api/v1/analytics/" + berlin + "/summary", "date", "2026-11-18");
        JsonNode t = s.get("targets");
        assertEquals("wednesday", t.get("weekday").asText());
        assertEquals(50, t.at("/visitors/target").asLong());
        assertEquals(0.7, t.at("/visitors/attainment").asDouble());
        assertEquals("100.00", t.at("/revenue/target").asText());
        assertEquals("44.99", t.at("/revenue/actual").asText());
        assertEquals(0.4499, t.at("/revenue/attainment").asDouble());
        assertEquals((3.0 / 35) / 0.1, t.at("/conversionRate/attainment").asDouble(), 1e-12);

        // Open 10:00-14:00: the 10:00 hour (15 in, the 30.00 sale) counts; 14:00 onwards does not.
        JsonNode open = s.get("openHours");
        assertEquals("10:00", open.get("opens").asText());
        assertEquals("14:00", open.get("closes").asText());
        assertEquals(15, open.at("/figures/visitors").asLong());
        assertEquals(1, open.at("/figures/transactions").asLong());
        assertEquals("30.00", open.at("/figures/revenue").asText());
        assertEquals(1.0 / 15, open.at("/figures/conversionRate").asDouble());

        JsonNode hours = get("/api/v1/analytics/" + berlin + "/hourly", "date", "2026-11-18").get("hours");
        assertEquals(24, hours.size());
        assertFalse(hours.get(9).get("open").asBoolean());
        assertTrue(hours.get(10).get("open").asBoolean());
        assertTrue(hours.get(13).get("open").asBoolean());
        assertFalse(hours.get(14).get("open").asBoolean());
        assertEquals(15, hours.get(10).get("visitors").asLong());
        assertEquals(1.0 / 15, hours.get(10).get("conversionRate").asDouble());
        assertEquals(20, hours.get(14).get("visitors").asLong());
        assertEquals(2, hours.get(14).get("transactions").asLong());
        assertEquals("19.99", hours.get(14).get("revenue").asText());
        assertEquals("-5.00", hours.get(15).get("revenue").asText());
        assertTrue(hours.get(3).get("conversionRate").isNull(), "no visitors in that hour: null");

        // A closed Sunday: no open-hours figures.
        JsonNode sunday = get("/api/v1/analytics/" + berlin + "/summary", "date", "2026-11-22").get("openHours");
        assertTrue(sunday.get("closed").asBoolean());
        assertTrue(sunday.get("figures").isNull());
    }

    @Test
    void aFarTimeZoneCountsItsOwnLocalDay() {
        JsonNode f = get("/api/v1/analytics/" + kiritimati + "/summary", "date", "2026-11-18").get("figures");
        assertEquals(4, f.get("visitors").asLong());
        assertEquals(1, f.get("exits").asLong());
        assertEquals(3, f.get("occupancy").asLong());
        assertEquals(1, f.get("transactions").asLong());
        assertEquals("10.00", f.get("revenue").asText());
        assertEquals("00:00", f.at("/peakHour/hour").asText());
        assertEquals("2026-11-18T00:30:00+14:00", f.at("/peakOccupancy/at").asText());
        JsonNode hours = get("/api/v1/analytics/" + kiritimati + "/hourly", "date", "2026-11-18").get("hours");
        assertEquals(4, hours.get(0).get("visitors").asLong());
        assertEquals(1, hours.get(23).get("transactions").asLong());
        assertEquals(7, get("/api/v1/analytics/" + kiritimati + "/summary", "date", "2026-11-19").at("/figures/visitors").asLong());
    }

    @Test
    void zeroVisitorsGiveNullRatiosNeverZeroOrNaN() {
        JsonNode f = get("/api/v1/analytics/" + kathmandu + "/summary", "date", "2026-11-18").get("figures");
        assertEquals(0, f.get("visitors").asLong());
        assertEquals(1, f.get("transactions").asLong());
        assertTrue(f.get("conversionRate").isNull());
        assertTrue(f.get("salesPerVisitor").isNull());
        assertTrue(f.get("salesPerVisitorMinor").isNull());
        assertTrue(f.get("peakHour").isNull());
        assertEquals("800.00", f.get("atv").asText());
        assertEquals(1.0, f.get("upt").asDouble());

        JsonNode empty = get("/api/v1/analytics/" + kathmandu + "/summary", "date", "2026-11-17").get("figures");
        assertEquals(0, empty.get("transactions").asLong());
        assertTrue(empty.get("atv").isNull());
        assertTrue(empty.get("upt").isNull());
        assertTrue(empty.get("conversionRate").isNull());
        assertTrue(empty.get("peakOccupancy").isNull());
    }

    @Test
    void aDstDayHas25Hours() {
        JsonNode hours = get("/api/v1/analytics/" + berlin + "/hourly", "date", "2026-10-25").get("hours");
        assertEquals(25, hours.size());
        assertEquals("02:00", hours.get(2).get("hour").asText());
        assertEquals("2026-10-25T02:00+02:00", hours.get(2).get("start").asText().replace(":00+", "+").replace("T02+", "T02:00+"));
        assertEquals(3, hours.get(2).get("visitors").asLong());
        assertEquals("02:00", hours.get(3).get("hour").asText());
        assertEquals(5, hours.get(3).get("visitors").asLong());
        JsonNode f = get("/api/v1/analytics/" + berlin + "/summary", "date", "2026-10-25").get("figures");
        assertEquals(8, f.get("visitors").asLong());
        assertEquals(5, f.at("/peakHour/visitors").asLong());
        assertTrue(f.at("/peakHour/start").asText().endsWith("+01:00"), "the second 02:00, in CET");
        assertEquals(7, f.at("/peakOccupancy/value").asLong());
    }

    @Test
    void rangePerDayWeekAndMonth() {
        JsonNode days = get("/api/v1/analytics/" + berlin + "/range", "from", "2026-11-01", "to", "2026-11-30", "bucket", "day");
        assertEquals(30, days.get("periods").size());
        assertEquals(35, days.get("periods").get(17).at("/figures/visitors").asLong());
        assertEquals(35 + 28 + 14, days.at("/total/visitors").asLong());
        assertEquals("64.99", days.at("/total/revenue").asText());

        JsonNode weeks = get("/api/v1/analytics/" + berlin + "/range", "from", "2026-11-01", "to", "2026-11-30", "bucket", "week");
        // 2026-11-01 is a Sunday: the first ISO week (W44) is cut to that one day; W45 = 11-02..11-08 holds the 4th.
        assertEquals("2026-W44", weeks.get("periods").get(0).get("period").asText());
        assertEquals(1, weeks.get("periods").get(0).get("days").asInt());
        assertEquals("2026-W45", weeks.get("periods").get(1).get("period").asText());
        assertEquals(14, weeks.get("periods").get(1).at("/figures/visitors").asLong());
        assertEquals("2026-11-04", weeks.get("periods").get(1).at("/busiestDay/date").asText());
        assertEquals(35, weeks.get("periods").get(3).at("/figures/visitors").asLong());
        assertEquals("2026-W49", weeks.get("periods").get(5).get("period").asText());

        JsonNode months = get("/api/v1/analytics/" + berlin + "/range", "from", "2026-10-01", "to", "2026-11-30", "bucket", "month");
        assertEquals(2, months.get("periods").size());
        assertEquals("2026-10", months.get("periods").get(0).get("period").asText());
        assertEquals(8, months.get("periods").get(0).at("/figures/visitors").asLong());
        assertEquals(77, months.get("periods").get(1).at("/figures/visitors").asLong());
        assertEquals(4.0 / 77, months.get("periods").get(1).at("/figures/conversionRate").asDouble());
    }

    @Test
    void rangeAsCsvParsesWithItsHeader() {
        String csv = asAdmin().queryParam("from", "2026-11-01").queryParam("to", "2026-11-30").queryParam("bucket", "week")
                .queryParam("format", "csv").get("/api/v1/analytics/" + berlin + "/range").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        List<List<String>> rows = CsvParsing.parse(csv);
        assertEquals(List.of("period", "from", "to", "days", "visitors", "exits", "transactions", "items", "revenue", "grossSales",
                "refunds", "refundCount", "conversionRate", "atv", "upt", "salesPerVisitor", "currency", "busiestDay"), rows.get(0));
        assertEquals(1 + 6 + 1, rows.size(), "header, six weeks, total");
        assertEquals("2026-W47", rows.get(4).get(0));
        assertEquals("35", rows.get(4).get(4));
        assertEquals("44.99", rows.get(4).get(8));
        assertEquals("total", rows.get(7).get(0));
        assertEquals("77", rows.get(7).get(4));
        assertEquals("", rows.get(1).get(12), "no visitors that week: an empty conversion cell");
    }
}

package com.retailintelligence.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The demo's history in the real database: every day of the weeks before today and of the same weeks a year
 * earlier, with the model's exact day totals, busier Saturdays than Sundays, a lower year before, and a second
 * run that adds nothing. Under a profile of its own (demo on, 2 weeks), so no other test writes history.
 */
@QuarkusTest
@TestProfile(DemoHistoryTest.DemoWithHistory.class)
class DemoHistoryTest {

    private static final int WEEKS = 2;

    /** The demo on, with two weeks of history (eight by default) to keep the start short. */
    public static class DemoWithHistory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retail.demo.enabled", "true", "retail.demo.history-weeks", Integer.toString(WEEKS));
        }
    }

    @Inject
    DemoHistory history;

    @Inject
    Pool pool;

    @Test
    void eachDemoStoreGetsAnOccupancyRuleAtCapacity() {
        for (DemoStore store : DemoStore.ALL) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                    com.retailintelligence.support.Api.asAdmin().get("/api/v1/stores/" + store.id() + "/alert-rules").then().statusCode(200)
                            .body("findAll { it.type == 'occupancy' }.percent", org.hamcrest.Matchers.hasItem(100)));
        }
    }

    @Test
    void eachDemoStoreGetsDailyTargetsSoTheDashboardShowsAttainment() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                com.retailintelligence.support.Api.asAdmin().get("/api/v1/stores/lisbon-chiado/targets").then().statusCode(200)
                        .body("saturday.visitors", org.hamcrest.Matchers.is(3600))
                        .body("saturday.revenue", org.hamcrest.Matchers.is("30100.00"))
                        .body("sunday.conversionRate", org.hamcrest.Matchers.is(0.23f)));
        com.retailintelligence.support.Api.asAdmin().get("/api/v1/analytics/tokyo-ginza/summary").then().statusCode(200)
                .body("targets.visitors.target", org.hamcrest.Matchers.is(6600))
                .body("targets.revenue.target", org.hamcrest.Matchers.is("10639200"));
    }

    @Test
    void weeksBeforeTodayAndAYearEarlierOnceOnly() throws Exception {
        DemoHistory.Result first = history.startupRun().toCompletableFuture().get(3, TimeUnit.MINUTES);
        int storeDays = DemoStore.ALL.length * 2 * 7 * WEEKS;
        assertEquals(0, first.failed());
        assertEquals(storeDays, first.written(), "a fresh database: every store-day written at start-up");
        long historyReadings = Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE event_id LIKE 'demo-h-%'");
        long historySales = Sql.count(pool, "SELECT count(*) FROM sales_events WHERE event_id LIKE 'demo-h-%'");
        assertEquals(first.traffic().accepted(), historyReadings);
        assertEquals(first.sales().accepted(), historySales);

        Map<String, Map<LocalDate, Long>> visitors = dayTotals("visitors");
        Map<String, Map<LocalDate, Long>> exits = dayTotals("exits");
        Map<String, Map<LocalDate, Long>> sales = dayTotals("transactions");
        Map<String, Map<LocalDate, Long>> refunds = dayTotals("refund_count");
        for (DemoStore store : DemoStore.ALL) {
            LocalDate today = first.today().get(store.id());
            List<LocalDate> recent = new ArrayList<>();
            List<LocalDate> yearEarlier = new ArrayList<>();
            for (int back = 0; back < 7 * WEEKS; back++) {
                recent.add(today.minusDays(1 + back));
                yearEarlier.add(today.minusDays(364 + back));
            }
            Map<LocalDate, Long> days = visitors.get(store.id());
            TreeSet<LocalDate> before = new TreeSet<>(days.keySet().stream().filter(day -> day.isBefore(today)).toList());
            TreeSet<LocalDate> expected = new TreeSet<>(recent);
            expected.addAll(yearEarlier);
            assertEquals(expected, before, store.id() + ": exactly the history days before today");
            for (LocalDate day : expected) {
                long[] model = model(store, day);
                assertEquals(model[0], days.get(day), store.id() + " " + day + ": visitors as the model gives");
                assertEquals(model[1], exits.get(store.id()).get(day), store.id() + " " + day + ": exits");
                assertEquals(model[2], sales.get(store.id()).getOrDefault(day, 0L) + refunds.get(store.id()).getOrDefault(day, 0L),
                        store.id() + " " + day + ": transactions");
            }
            assertTrue(average(days, expected, DayOfWeek.SATURDAY) > 1.5 * average(days, expected, DayOfWeek.SUNDAY),
                    store.id() + ": Saturdays are busier than Sundays");
            long recentVisitors = recent.stream().mapToLong(days::get).sum();
            long earlierVisitors = yearEarlier.stream().mapToLong(days::get).sum();
            assertTrue(earlierVisitors < recentVisitors, store.id() + ": a year earlier is lower (" + earlierVisitors + " vs "
                    + recentVisitors + ")");
        }

        DemoHistory.Result second = history.write(WEEKS).await().atMost(Duration.ofMinutes(1));
        Assumptions.assumeTrue(second.today().equals(first.today()), "a store's day changed during the test");
        assertEquals(0, second.written(), "a second run finds every day there");
        assertEquals(storeDays, second.skipped());
        assertEquals(0, second.traffic().accepted() + second.traffic().duplicates() + second.sales().accepted()
                + second.sales().duplicates(), "and posts nothing");
        assertEquals(historyReadings, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE event_id LIKE 'demo-h-%'"));
        assertEquals(historySales, Sql.count(pool, "SELECT count(*) FROM sales_events WHERE event_id LIKE 'demo-h-%'"));
    }

    /** Per store, the day totals of a metric. */
    private Map<String, Map<LocalDate, Long>> dayTotals(String metric) {
        Map<String, Map<LocalDate, Long>> totals = new HashMap<>();
        for (DemoStore store : DemoStore.ALL) {
            totals.put(store.id(), new HashMap<>());
        }
        for (Row row : Sql.query(pool, "SELECT store_id, local_day, value FROM rollups WHERE bucket = 'day' AND metric = $1", metric)) {
            Map<LocalDate, Long> store = totals.get(row.getString("store_id"));
            if (store != null) {
                store.put(row.getLocalDate("local_day"), row.getLong("value"));
            }
        }
        return totals;
    }

    /** Visitors, exits and POS transactions of a store-day, from the model in 5-minute windows. */
    private static long[] model(DemoStore store, LocalDate day) {
        long[] totals = new long[3];
        Instant end = day.plusDays(1).atStartOfDay(store.zone()).toInstant();
        for (Instant w = day.atStartOfDay(store.zone()).toInstant(); w.isBefore(end); w = w.plusSeconds(DemoHistory.WINDOW_SECONDS)) {
            for (int door = 1; door <= DemoStore.DOORS; door++) {
                totals[0] += DemoTraffic.entering(store, w, DemoHistory.WINDOW_SECONDS, door);
                totals[1] += DemoTraffic.leaving(store, w, DemoHistory.WINDOW_SECONDS, door);
            }
            totals[2] += DemoTraffic.sales(store, w, DemoHistory.WINDOW_SECONDS);
        }
        return totals;
    }

    private static double average(Map<LocalDate, Long> values, TreeSet<LocalDate> days, DayOfWeek weekday) {
        return days.stream().filter(day -> day.getDayOfWeek() == weekday).mapToLong(values::get).average().orElseThrow();
    }
}

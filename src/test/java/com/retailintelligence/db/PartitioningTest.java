package com.retailintelligence.db;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.aggregate.RollupRepository;
import com.retailintelligence.sales.SaleEvents;
import com.retailintelligence.support.Sql;
import com.retailintelligence.traffic.TrafficEvents;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Raw events in monthly partitions (V10): partitions made ahead, pruning of the hot reads, DEFAULT, dedupe. */
@QuarkusTest
class PartitioningTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM");

    @Inject
    Pool pool;

    @Inject
    PartitionMaintenance maintenance;

    private static String partition(String table, LocalDate month) {
        return table + "_p" + month.format(MONTH);
    }

    private boolean exists(String relation) {
        return Sql.query(pool, "SELECT to_regclass($1) IS NOT NULL AS present", relation).iterator().next().getBoolean("present");
    }

    private static LocalDate thisMonth() {
        return LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    }

    private String plan(String sql, Object... params) {
        StringBuilder plan = new StringBuilder();
        Sql.query(pool, "EXPLAIN (COSTS OFF) " + sql, params).forEach(row -> plan.append(row.getString(0)).append('\n'));
        return plan.toString();
    }

    @Test
    void partitionsExistForThisAndTheNextThreeMonthsAndDefault() {
        for (String table : List.of("traffic_events", "sales_events")) {
            for (int i = 0; i <= 3; i++) {
                assertTrue(exists(partition(table, thisMonth().plusMonths(i))), partition(table, thisMonth().plusMonths(i)));
            }
            assertTrue(exists(table + "_default"));
            assertEquals("p", Sql.query(pool, "SELECT relkind::text AS k FROM pg_class WHERE relname = $1", table)
                    .iterator().next().getString("k"), table + " is partitioned");
        }
    }

    @Test
    void maintenanceCreatesMissingPartitionsOnceEvenWhenTwoRunAtOnce() {
        // As of a "now" eight years ahead: those months have no partitions yet.
        Instant later = OffsetDateTime.now(ZoneOffset.UTC).plusYears(8).toInstant();
        LocalDate laterMonth = later.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1);
        assertFalse(exists(partition("traffic_events", laterMonth)));

        List<PartitionMaintenance.Result> results = Uni.join().all(maintenance.runOnce(later), maintenance.runOnce(later))
                .andFailFast().await().atMost(Duration.ofSeconds(30));
        int created = results.stream().mapToInt(PartitionMaintenance.Result::createdPartitions).filter(n -> n > 0).sum();
        // 4 months (this one and 3 ahead) x 2 tables, made by whichever run got the lock; the other skipped (-1) or found them.
        assertEquals(8, created);
        for (int i = 0; i <= 3; i++) {
            assertTrue(exists(partition("traffic_events", laterMonth.plusMonths(i))));
            assertTrue(exists(partition("sales_events", laterMonth.plusMonths(i))));
        }
        assertEquals(0, maintenance.runOnce(later).await().atMost(Duration.ofSeconds(30)).createdPartitions(), "idempotent");
    }

    @Test
    void theServiceHasNoDdlRightsAndNoAccessToPartitionsDirectly() {
        String next = partition("traffic_events", thisMonth().plusYears(50));
        Exception ddl = assertThrows(Exception.class, () -> Sql.query(pool, "CREATE TABLE " + next
                + " PARTITION OF traffic_events FOR VALUES FROM ('2076-01-01') TO ('2076-02-01')"));
        assertTrue(ddl.getMessage().contains("permission denied"), ddl.getMessage());
        Exception direct = assertThrows(Exception.class,
                () -> Sql.query(pool, "SELECT count(*) FROM " + partition("traffic_events", thisMonth())));
        assertTrue(direct.getMessage().contains("permission denied"), direct.getMessage());
        Exception drop = assertThrows(Exception.class, () -> Sql.query(pool, "DROP TABLE traffic_events_default"));
        assertTrue(drop.getMessage().contains("must be owner"), drop.getMessage());
    }

    @Test
    void theMaintenanceFunctionsRefuseBadArguments() {
        Exception negative = assertThrows(Exception.class,
                () -> Sql.query(pool, "SELECT retail_create_event_partitions(now(), -1)"));
        assertTrue(negative.getMessage().contains("months_ahead must be between 0 and 1200"), negative.getMessage());
        Exception nullCutoff = assertThrows(Exception.class,
                () -> Sql.query(pool, "SELECT retail_drop_event_partitions_before(NULL)"));
        assertTrue(nullCutoff.getMessage().contains("cutoff must not be null"), nullCutoff.getMessage());
    }

    @Test
    void aStoresDayReadByTheRebuildScansOnlyItsMonth() {
        LocalDate day = thisMonth().plusDays(14);
        String plan = plan(RollupRepository.REBUILD_TRAFFIC, "some-store", day, day);
        assertTrue(plan.contains(partition("traffic_events", thisMonth())), plan);
        assertFalse(plan.contains(partition("traffic_events", thisMonth().plusMonths(1))), plan);
        assertFalse(plan.contains("traffic_events_default"), plan);
        // Without a range (a full rebuild) every partition is read.
        String all = plan(RollupRepository.REBUILD_TRAFFIC, null, null, null);
        assertTrue(all.contains(partition("traffic_events", thisMonth().plusMonths(1))) && all.contains("traffic_events_default"), all);
    }

    @Test
    void theIngestDedupeReadsOnlyTheIdTablesKeyNotTheEventPartitions() {
        String[] stores = { "s" };
        String[] ids = { "e" };
        OffsetDateTime[] times = { OffsetDateTime.now(ZoneOffset.UTC) };
        String traffic = plan(TrafficEvents.INSERT, stores, ids, new String[] { "d" }, times, new Integer[] { 1 }, new Integer[] { 0 });
        assertTrue(traffic.contains("Insert on traffic_event_ids"), traffic);
        assertTrue(traffic.contains("Conflict Arbiter Indexes: traffic_event_ids_pkey"), traffic);
        assertFalse(traffic.contains("Scan on traffic_events"), traffic);
        String sales = plan(SaleEvents.INSERT, stores, ids, times, new Long[] { 100L }, new String[] { "EUR" }, new Integer[] { 1 },
                new String[] { "sale" });
        assertTrue(sales.contains("Conflict Arbiter Indexes: sales_event_ids_pkey"), sales);
        assertFalse(sales.contains("Scan on sales_events"), sales);
    }

    @Test
    void aRetriedBatchAcrossMonthsIsStoredOnceAndReportsDuplicates() {
        String store = uniqueStoreId("part-retry");
        createStore(store, "UTC", "EUR");
        String thisMonthAt = Instant.now().minusSeconds(60).toString();
        String lastMonthAt = thisMonth().minusMonths(1).plusDays(10).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
        String traffic = batch(List.of(traffic("t1", store, thisMonthAt, 2, 0), traffic("t2", store, lastMonthAt, 3, 0),
                traffic("t1", store, thisMonthAt, 9, 0)));
        postTraffic(traffic).statusCode(200).body("accepted", equalTo(2), "duplicates", equalTo(1));
        postTraffic(traffic).statusCode(200).body("accepted", equalTo(0), "duplicates", equalTo(3));
        String sales = batch(List.of(sale("s1", store, thisMonthAt, "1.50", "EUR", "sale"), sale("s2", store, lastMonthAt, "2.00", "EUR", "sale")));
        postSales(sales).statusCode(200).body("accepted", equalTo(2), "duplicates", equalTo(0));
        postSales(sales).statusCode(200).body("accepted", equalTo(0), "duplicates", equalTo(2));

        assertEquals(2, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1", store));
        assertEquals(2, Sql.count(pool, "SELECT count(*) FROM traffic_event_ids WHERE store_id = $1", store));
        assertEquals(2, Sql.count(pool, "SELECT count(*) FROM sales_events WHERE store_id = $1", store));
        assertEquals(2, Sql.count(pool, "SELECT sum(in_count) FROM traffic_events WHERE store_id = $1 AND event_id = 't1'", store),
                "the batch's first reading of t1 is kept");
        asAdmin().queryParam("date", lastMonthAt.substring(0, 10)).get("/api/v1/traffic/" + store).then().statusCode(200)
                .body("totals.visitors", equalTo(3));
    }

    @Test
    void anEventOfAMonthWithoutPartitionLandsInDefaultAndIsCounted() {
        String store = uniqueStoreId("part-default");
        createStore(store, "UTC", "EUR");
        // Five years back: the migration made partitions from the oldest event's month (none here) and maintenance only ahead.
        LocalDate day = thisMonth().minusYears(5).plusDays(9);
        assertFalse(exists(partition("traffic_events", day.withDayOfMonth(1))));
        String at = day.atTime(10, 0).toInstant(ZoneOffset.UTC).toString();
        postTraffic(batch(List.of(traffic("old", store, at, 4, 1)))).statusCode(200).body("accepted", equalTo(1));
        postSales(batch(List.of(sale("old", store, at, "12.34", "EUR", "sale")))).statusCode(200).body("accepted", equalTo(1));
        postTraffic(batch(List.of(traffic("old", store, at, 4, 1)))).statusCode(200).body("accepted", equalTo(0), "duplicates", equalTo(1));

        assertEquals("traffic_events_default", Sql.query(pool, "SELECT tableoid::regclass::text AS p FROM traffic_events WHERE store_id = $1",
                store).iterator().next().getString("p"));
        assertEquals("sales_events_default", Sql.query(pool, "SELECT tableoid::regclass::text AS p FROM sales_events WHERE store_id = $1",
                store).iterator().next().getString("p"));
        asAdmin().queryParam("date", day.toString()).get("/api/v1/traffic/" + store).then().statusCode(200)
                .body("totals.visitors", equalTo(4), "series[10].visitors", equalTo(4));
        asAdmin().queryParam("date", day.toString()).get("/api/v1/sales/" + store).then().statusCode(200)
                .body("totals.revenue", equalTo("12.34"));
        PartitionMaintenance.Result result = maintenance.runOnce(Instant.now()).await().atMost(Duration.ofSeconds(30));
        assertTrue(result.defaultPartitionRows() >= 2, "maintenance reports the DEFAULT rows: " + result);
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1", store), "nothing moved or lost");

        // A rebuild of that day reads DEFAULT too and gives the same figures.
        asAdmin().queryParam("storeId", store).queryParam("from", day.toString()).queryParam("to", day.toString())
                .post("/api/v1/admin/aggregates/rebuild").then().statusCode(200);
        asAdmin().queryParam("date", day.toString()).get("/api/v1/traffic/" + store).then().statusCode(200)
                .body("totals.visitors", equalTo(4));
    }

    @Test
    void deletingAStoreRemovesItsIdsSoTheIdCanBeUsedAgain() {
        String store = uniqueStoreId("part-del");
        createStore(store, "UTC", "EUR");
        String at = Instant.now().minusSeconds(30).toString();
        postTraffic(batch(List.of(traffic("x", store, at, 1, 0)))).statusCode(200).body("accepted", equalTo(1));
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM traffic_event_ids WHERE store_id = $1", store));
        asAdmin().queryParam("force", "true").delete("/api/v1/stores/" + store).then().statusCode(204);
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM traffic_event_ids WHERE store_id = $1", store));
        createStore(store, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("x", store, at, 1, 0)))).statusCode(200).body("accepted", equalTo(1), "duplicates", equalTo(0));
    }
}

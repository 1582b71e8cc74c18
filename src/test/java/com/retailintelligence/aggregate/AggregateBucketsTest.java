package com.retailintelligence.aggregate;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The ingest statement's buckets (computed once per store-minute, see RollupSql) equal those of event_buckets, which
 * rebuilds use: batches spread over hours that cross DST changes, local midnights and odd offsets (+05:45, +12:45,
 * a half-hour DST) give exactly the rollups a rebuild from the raw events computes.
 */
@QuarkusTest
class AggregateBucketsTest {

    private static final String[] ZONES = { "Europe/Lisbon", "America/New_York", "Asia/Kathmandu", "Pacific/Chatham",
            "Australia/Lord_Howe" };

    /** Around the 2026 changes of Lisbon and New York (fall back), Lord Howe (30 min forward) and Chatham (forward). */
    private static final Instant[] CHANGES = { Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"),
            Instant.parse("2026-10-03T15:30:00Z"), Instant.parse("2026-09-26T14:00:00Z") };

    private static final String ROLLUP = "SELECT store_id, metric, bucket, bucket_start, local_day, value FROM ";

    @Inject
    Pool pool;

    @Test
    void spreadBatchesGiveTheRollupsOfARebuild() {
        Random random = new Random(7);
        List<String> stores = new ArrayList<>();
        for (String zone : ZONES) {
            String id = uniqueStoreId("bkt");
            createStore(id, zone, "EUR");
            stores.add(id);
            for (int w = 0; w < CHANGES.length; w++) {
                // 1,000 readings 29 s apart from 4 hours before the change (some minutes twice, most once), 400 sales.
                Instant from = CHANGES[w].minusSeconds(4 * 3600);
                List<String> readings = new ArrayList<>();
                List<String> sales = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    String at = from.plusSeconds(29L * i).toString();
                    readings.add(traffic("t" + w + "-" + i, id, at, random.nextInt(6), random.nextInt(5)));
                    if (i % 5 < 2) {
                        sales.add(sale("s" + w + "-" + i, id, at, random.nextInt(200) + ".25", "EUR",
                                random.nextInt(6) == 0 ? "refund" : "sale"));
                    }
                }
                postTraffic(batch(readings)).statusCode(200);
                postSales(batch(sales)).statusCode(200);
            }
        }
        for (String store : stores) {
            Set<String> ingested = rows(ROLLUP + "rollups WHERE store_id = $1", store);
            Set<String> rebuilt = rows(select(RollupRepository.REBUILD_TRAFFIC), store);
            rebuilt.addAll(rows(select(RollupSql.rebuild("sales_events", Metrics.SALES_SQL)), store));
            assertTrue(ingested.size() > 4 * 300, "rollups of " + store + ": " + ingested.size());
            assertEquals(rebuilt, ingested, "rollups of " + store);
        }
    }

    /** The SELECT of a rebuild statement (which inserts into the rollups), as rows like the rollups table's. */
    private static String select(String rebuild) {
        return "SELECT store_id, metric, bucket, bucket_start, local_day, sum AS value FROM ("
                + rebuild.substring(rebuild.indexOf("SELECT")) + ") r WHERE store_id = $1";
    }

    private Set<String> rows(String sql, String store) {
        Set<String> rows = new TreeSet<>();
        Object[] params = sql.contains("$3") ? new Object[] { store, null, null } : new Object[] { store };
        for (Row row : Sql.query(pool, sql, params)) {
            rows.add(row.getString("metric") + " " + row.getString("bucket") + " " + row.getOffsetDateTime("bucket_start").toInstant()
                    + " " + row.getLocalDate("local_day") + " " + row.getLong("value"));
        }
        return rows;
    }
}

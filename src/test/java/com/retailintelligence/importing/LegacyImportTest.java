package com.retailintelligence.importing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.retailintelligence.redis.RedisKeys;
import com.retailintelligence.support.FakeBotApi;
import com.retailintelligence.support.LogCapture;
import com.retailintelligence.support.Sql;
import com.retailintelligence.support.TelegramUpdates;
import com.retailintelligence.telegram.TelegramBotTest;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The legacy import against the real PostgreSQL and Redis: the old bot's SQLite file (made by scripts/legacy-db.py)
 * imports with its 5 bad rows reported exactly, its daily figures equal SQL over the file, importing it again adds
 * nothing, Redis holds the recent days, and its chats answer /today at once (fake Bot API). CSV exports in the
 * shapes spreadsheets write import too, and a file the import cannot read says why.
 */
@QuarkusTest
@TestProfile(TelegramBotTest.BotOn.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyImportTest {

    private static final String SECRET = "test_webhook-secret";

    @Inject
    Importer importer;

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    private final String prefix = "li" + UUID.randomUUID().toString().substring(0, 6);
    /**
     * The fixture's last day: two days back, not one, because a New York store's local day ends at 02:00 UTC the next
     * day, so just after midnight UTC yesterday's late sales would still lie in the future (and be refused as such).
     */
    private final LocalDate end = LegacyFixture.lastWhollyPastDay();
    /** The fixture's days reach back past the month before this one, whose partitions the fresh test database lacks. */
    private static final int DAYS = 45;
    private LegacyFixture fixture;
    private ImportSummary first;
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();
    private final List<String> errors = new ArrayList<>();

    @BeforeAll
    void importTheOldBotsFile() throws Exception {
        fixture = LegacyFixture.generate(Files.createTempDirectory("legacy"), prefix, 3000, 600, DAYS, end);
        try (LogCapture log = LogCapture.start()) {
            first = importer.run(sqlite(fixture.file()), new ImportProgress(rejections::add));
            errors.addAll(log.errorsAndStackTraces()); // refused rows are the client's mistake: never an ERROR
        }
    }

    @Test
    void everyGoodRowIsImportedAndExactlyTheBadOnesAreReported() {
        assertNull(first.failure(), first.describe());
        assertEquals(List.of(), errors);
        assertEquals(3600, first.read());
        assertEquals(3595, first.imported());
        assertEquals(0, first.duplicates());
        assertEquals(5, first.rejected());
        assertEquals(3, first.storesCreated());
        // History gets its monthly partitions before it is written: none of it in DEFAULT, out of reach of pruning.
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id LIKE $1 AND tableoid::regclass::text LIKE '%default'",
                prefix + "-%"));
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM sales_events WHERE store_id LIKE $1 AND tableoid::regclass::text LIKE '%default'",
                prefix + "-%"));
        assertEquals(5, fixture.badRows().size(), "the fixture planted 5 bad rows");
        TreeSet<String> planted = new TreeSet<>();
        fixture.badRows().forEach(line -> {
            String[] parts = line.split(" ");
            planted.add(prefix + ".db:" + parts[1] + ":" + parts[2]);
        });
        TreeSet<String> reported = new TreeSet<>();
        rejections.forEach(rejection -> reported.add(rejection.file() + ":" + rejection.row()));
        assertEquals(planted, reported, "rejections: " + rejections);
        rejections.forEach(rejection -> assertFalse(rejection.reason().isBlank()));
        assertTrue(rejections.stream().anyMatch(r -> r.reason().equals("storeId: no store with id 'no-such-store'")), rejections.toString());
        assertTrue(rejections.stream().anyMatch(r -> r.reason().startsWith("type: must be one of sale, refund")), rejections.toString());
    }

    @Test
    void dailyVisitorsAndRevenueEqualSqlOverTheSourceFile() {
        List<String> stored = new ArrayList<>();
        for (Row row : Sql.query(pool, """
                SELECT store_id, local_day,
                       sum(value) FILTER (WHERE metric = 'visitors'), sum(value) FILTER (WHERE metric = 'exits'),
                       sum(value) FILTER (WHERE metric = 'transactions'), sum(value) FILTER (WHERE metric = 'gross'),
                       sum(value) FILTER (WHERE metric = 'refunds')
                FROM rollups WHERE bucket = 'day' AND store_id LIKE $1 GROUP BY 1, 2 ORDER BY 1, 2""", prefix + "-%")) {
            List<String> cells = new ArrayList<>(List.of(row.getString(0), row.getLocalDate(1).toString()));
            for (int i = 2; i < 7; i++) {
                cells.add(String.valueOf(row.getLong(i) == null ? 0 : row.getLong(i)));
            }
            stored.add(String.join(",", cells));
        }
        assertEquals(fixture.expectedDays(), stored);
    }

    @Test
    void importingTheFileAgainAddsNothing() {
        long events = Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id LIKE $1", prefix + "-%");
        ImportSummary again = importer.run(sqlite(fixture.file()), new ImportProgress(rejection -> { }));
        assertNull(again.failure(), again.describe());
        assertEquals(0, again.imported());
        assertEquals(3595, again.duplicates());
        assertEquals(5, again.rejected());
        assertEquals(0, again.storesCreated());
        assertEquals(0, again.chatsLinked());
        assertEquals(events, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id LIKE $1", prefix + "-%"));
    }

    @Test
    void redisHoldsTheRecentDaysAfterTheImport() {
        String store = prefix + "-01";
        String line = fixture.expectedDays().stream().filter(l -> l.startsWith(store + "," + end + ",")).findFirst().orElseThrow();
        long visitors = Long.parseLong(line.split(",")[2]);
        java.util.OptionalDouble score = redis.sortedSet(String.class).zscore(keys.dayTotals(store, end), "visitors");
        assertEquals(visitors, score.isPresent() ? (long) score.getAsDouble() : -1);
    }

    @Test
    void importedChatsAnswerTodayWithNoLink() {
        FakeBotApi fake = FakeBotApi.shared();
        long chat = 700_000_002L; // legacy-manager-01, of store -01
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .body(TelegramUpdates.privateMessage(System.nanoTime() % 1_000_000_000L, chat, "/today"))
                .post("/api/v1/telegram/webhook").then().statusCode(200);
        String text = fake.awaitCalls("sendMessage", chat, 1, Duration.ofSeconds(15)).get(0).param("text");
        assertTrue(text.contains("Visitors:"), text);
        assertFalse(text.contains("not linked"), text);
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM users WHERE username = 'legacy-manager-01' AND roles = '{manager}'"));
    }

    @Test
    void csvExportsInSpreadsheetShapesImportAndAgainAddNothing() throws Exception {
        String store = prefix + "-02";
        Path traffic = Files.createTempFile("traffic", ".csv");
        // A BOM, ';' separators, a quoted field with the separator in it, local times in day-first order, no ids.
        Files.writeString(traffic, "\uFEFFstore_id;sensor_id;timestamp;in;out\n"
                + store + ";\"door;1\";01.03.2026 10:15;4;1\n"
                + store + ";door-2;2026-03-01 10:16:30;2;0\n"
                + "\n" // a blank line: row 4 of the spreadsheet, skipped
                + store + ";door-2;not a time;2;0\n", StandardCharsets.UTF_8);
        ImportSummary summary = importer.run(csv(traffic, ImportKind.TRAFFIC, Map.of(), ZoneId.of("Europe/Lisbon"), null),
                new ImportProgress(rejection -> assertEquals(5, rejection.row(), rejection.toString())));
        assertNull(summary.failure(), summary.describe());
        assertEquals(2, summary.imported());
        assertEquals(1, summary.rejected());
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1 AND sensor_id = 'door;1' "
                + "AND occurred_at = '2026-03-01T10:15:00Z'", store)); // Lisbon is on UTC in March
        ImportSummary again = importer.run(csv(traffic, ImportKind.TRAFFIC, Map.of(), ZoneId.of("Europe/Lisbon"), null), new ImportProgress(r -> { }));
        assertEquals(0, again.imported());
        assertEquals(2, again.duplicates());

        Path sales = Files.createTempFile("sales", ".csv");
        // ',' separators, a decimal comma in a quoted field, our own header names mapped by --column, one store for all rows.
        Files.writeString(sales, "Receipt,When,Total,Kind\n"
                + "r-1,2026-03-01T10:20:00Z,\"12,50\",sale\n"
                + "r-2,2026-03-01T10:21:00+01:00,3.00,refund\n"
                + "r-3,2026-03-01T10:22:00Z,\"1,250\",sale\n", StandardCharsets.UTF_8);
        List<Rejection> refused = new CopyOnWriteArrayList<>();
        ImportSummary sold = importer.run(csv(sales, ImportKind.SALES, Map.of("id", "Receipt", "timestamp", "When", "amount", "Total", "type", "Kind"),
                null, store), new ImportProgress(refused::add));
        assertNull(sold.failure(), sold.describe());
        assertEquals(2, sold.imported());
        assertEquals(1, refused.size(), refused.toString());
        assertEquals(4, refused.get(0).row());
        assertTrue(refused.get(0).reason().contains("ambiguous"), refused.toString());
        assertEquals(1250, Sql.count(pool, "SELECT amount_minor FROM sales_events WHERE store_id = $1 AND event_id = 'r-1'", store));
    }

    @Test
    void aFileTheImportCannotReadSaysWhyAndStoresNothing() throws Exception {
        Path noTime = Files.createTempFile("bad", ".csv");
        Files.writeString(noTime, "storeId,sensorId,in,out\nx,door,1,1\n");
        ImportSummary summary = importer.run(csv(noTime, ImportKind.TRAFFIC, Map.of(), null, null), new ImportProgress(r -> { }));
        assertTrue(summary.failure().contains("the header has no column for timestamp"), summary.failure());
        assertEquals(0, summary.read());

        ImportSummary wrongColumn = importer.run(csv(noTime, ImportKind.TRAFFIC, Map.of("timestamp", "When"), null, null), new ImportProgress(r -> { }));
        assertTrue(wrongColumn.failure().contains("has no column 'When'"), wrongColumn.failure());

        Path mapping = Files.createTempFile("mapping", ".yaml");
        Files.writeString(mapping, "traffic:\n  table: readings\n  columns: {timestamp: at}\n");
        ImportSummary noTable = importer.run(new ImportRequest(fixture.file(), "old.db", ImportMapping.read(mapping), null, Map.of(), null, null,
                false, "test"), new ImportProgress(r -> { }));
        assertTrue(noTable.failure().contains("has no table 'readings'"), noTable.failure());
        assertTrue(noTable.failure().contains("counts"), "lists the tables it has: " + noTable.failure());
    }

    @Test
    void strictStopsAtTheFirstRefusedRow() throws Exception {
        String store = prefix + "-03";
        Path traffic = Files.createTempFile("strict", ".csv");
        Files.writeString(traffic, "storeId,sensorId,timestamp,in,out\n" + store + ",d,2026-03-02T10:00:00Z,-1,0\n"
                + store + ",d,2026-03-02T10:01:00Z,1,0\n");
        ImportSummary summary = importer.run(new ImportRequest(traffic, "strict.csv", null, ImportKind.TRAFFIC, Map.of(), null, null, true, "test"),
                new ImportProgress(r -> { }));
        assertTrue(summary.failure().contains("strict.csv:2: in: must be a whole number"), summary.failure());
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1 AND sensor_id = 'd'", store));
    }

    private ImportRequest sqlite(Path file) {
        return new ImportRequest(file, file.getFileName().toString(), null, null, Map.of(), null, null, false, "test");
    }

    private static ImportRequest csv(Path file, ImportKind kind, Map<String, String> columns, ZoneId zone, String store) {
        return new ImportRequest(file, file.getFileName().toString(), null, kind, columns, zone, store, false, "test");
    }
}

package com.retailintelligence.telegram;

import static com.retailintelligence.support.Api.as;
import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.FakeBotApi;
import com.retailintelligence.support.LogCapture;
import com.retailintelligence.support.TelegramUpdates;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The bot end to end against a local fake Bot API server: the webhook's secret and duplicates, linking, figures equal to
 * the REST summary, a report photo as multipart PNG, a burst kept to 1 message/s through 429s, bad input, daily reports.
 */
@QuarkusTest
@TestProfile(TelegramBotTest.BotOn.class)
public class TelegramBotTest {

    static final String SECRET = "test_webhook-secret";
    private static final AtomicLong UPDATE_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 100);
    private static final AtomicLong CHAT_IDS = new AtomicLong(5_000_000_000L + System.nanoTime() % 1_000_000);

    /** The bot on, talking to the fake. */
    public static class BotOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("telegram.token", FakeBotApi.TOKEN, "telegram.webhook-secret", SECRET, "telegram.api-url", FakeBotApi.shared().url(),
                    "telegram.sweep-interval", "1s", "telegram.subscriptions-interval", "1h",
                    "telegram.webhook-url", "https://retail.example/api/v1/telegram/webhook");
        }
    }

    @Inject
    Pool pool;

    @Inject
    DailyReports dailyReports;

    private final FakeBotApi fake = FakeBotApi.shared();

    /** The calls the service made at start, before the first test cleared the fake. */
    private static List<FakeBotApi.Call> atStart;

    @BeforeEach
    void clearFake() {
        if (atStart == null) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !fake.calls("setMyCommands").isEmpty());
            atStart = fake.calls();
        }
        fake.clear();
    }

    @Test
    void theWebhookAndTheCommandMenuAreSetAtStartAndReportedInHealth() {
        FakeBotApi.Call webhook = atStart.stream().filter(c -> c.method().equals("setWebhook")).findFirst().orElseThrow();
        assertEquals("https://retail.example/api/v1/telegram/webhook", webhook.param("url"));
        assertEquals(SECRET, webhook.param("secret_token"));
        assertEquals(IncomingUpdate.ALLOWED_UPDATES, webhook.params().getJsonArray("allowed_updates").getList());
        FakeBotApi.Call menu = atStart.stream().filter(c -> c.method().equals("setMyCommands")).findFirst().orElseThrow();
        assertTrue(menu.params().getJsonArray("commands").encode().contains("\"today\""));
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'telegram' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'telegram' }.data.enabled", equalTo(true));
    }

    static long nextUpdate() {
        return UPDATE_IDS.incrementAndGet();
    }

    static long nextChat() {
        return CHAT_IDS.incrementAndGet();
    }

    static io.restassured.response.ValidatableResponse webhook(String secret, String update) {
        var request = given().contentType("application/json").body(update);
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return request.post("/api/v1/telegram/webhook").then();
    }

    @Test
    void startAnswersOnceAndAWrongSecretIsRefused() throws Exception {
        long chat = nextChat();
        long update = nextUpdate();
        String start = TelegramUpdates.privateMessage(update, chat, "/start");
        webhook("wrong", start).statusCode(401).contentType("application/problem+json");
        webhook(null, start).statusCode(401);
        Thread.sleep(1500);
        assertEquals(List.of(), fake.callsForChat("sendMessage", chat), "no call for a refused update");
        assertEquals(0, count("SELECT count(*) FROM telegram_updates WHERE update_id = $1", update), "nothing stored");

        webhook(SECRET, start).statusCode(200);
        fake.awaitCalls("sendMessage", chat, 1, Duration.ofSeconds(10));
        webhook(SECRET, start).statusCode(200);
        Thread.sleep(2500);
        assertEquals(1, fake.callsForChat("sendMessage", chat, true).size(), "the same update again sends nothing");
        assertTrue(fake.callsForChat("sendMessage", chat).get(0).param("text").contains("not linked"));
    }

    @Test
    void aLinkedChatGetsTheSummaryFiguresAndAReportPhoto() {
        String store = Api.uniqueStoreId("tg");
        createStore(store, "Europe/Lisbon", "EUR");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String at = now.minusSeconds(60).toString();
        postTraffic(batch(List.of(traffic(store + "-t1", store, at, 7, 2), traffic(store + "-t2", store, at, 5, 1)))).statusCode(200);
        postSales(batch(List.of(sale(store + "-s1", store, at, "1234.50", "EUR", "sale")))).statusCode(200);
        String token = Api.tokenForNewUser(pool, Set.of(store), "viewer");
        JsonPath code = as(token).post("/api/v1/telegram/link-codes").then().statusCode(201)
                .body("deepLink", startsWith("https://t.me/RetailTestBot?start=")).extract().jsonPath();

        long chat = nextChat();
        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/link " + code.getString("code"))).statusCode(200);
        fake.awaitCalls("sendMessage", chat, 1, Duration.ofSeconds(10));
        assertTrue(fake.callsForChat("sendMessage", chat).get(0).param("text").startsWith("Linked to"));

        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/today " + store.toUpperCase())).statusCode(200);
        String text = fake.awaitCalls("sendMessage", chat, 2, Duration.ofSeconds(15)).get(1).param("text");
        JsonPath summary = as(token).get("/api/v1/analytics/" + store + "/summary").then().statusCode(200).extract().jsonPath();
        PeopleFormat format = new PeopleFormat("pt");
        assertTrue(text.contains("Visitors: <b>" + format.count(summary.getLong("figures.visitors")) + "</b>"), text);
        assertTrue(text.contains("Revenue: <b>" + format.money(summary.getString("figures.revenue"), "EUR") + "</b>"), text);
        assertTrue(text.contains("Transactions: " + format.count(summary.getLong("figures.transactions"))), text);
        assertEquals(12, summary.getLong("figures.visitors"));

        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/report")).statusCode(200);
        FakeBotApi.Call photo = fake.awaitCalls("sendPhoto", chat, 1, Duration.ofSeconds(20)).get(0);
        FakeBotApi.FilePart png = photo.files().get("photo");
        assertEquals("image/png", png.contentType());
        assertEquals((byte) 0x89, png.bytes()[0]);
        assertEquals("PNG", new String(png.bytes(), 1, 3));
        assertTrue(photo.param("caption").contains("12 visitors"), photo.param("caption"));

        // Another store is refused like an unknown one, and audited.
        String other = Api.uniqueStoreId("tg-other");
        createStore(other, "Europe/Lisbon", "EUR");
        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/sales " + other)).statusCode(200);
        String refused = fake.awaitCalls("sendMessage", chat, 3, Duration.ofSeconds(10)).get(2).param("text");
        assertTrue(refused.contains("among yours"), refused);
        asAdmin().queryParam("action", "access.denied").get("/api/v1/audit").then().statusCode(200);
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE interface = 'telegram' AND action = 'access.denied' AND detail LIKE $1",
                "%" + other + "%"));
    }

    @Test
    void storesKeyboardAlertsTrafficAndABlockedChat() {
        String store = Api.uniqueStoreId("tg-kb");
        createStore(store, "Europe/Lisbon", "EUR");
        String token = Api.tokenForNewUser(pool, Set.of(store), "manager");
        String code = as(token).post("/api/v1/telegram/link-codes").then().statusCode(201).extract().path("code");
        long chat = nextChat();
        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/start " + code)).statusCode(200); // the deep link
        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/stores")).statusCode(200);
        List<FakeBotApi.Call> said = fake.awaitCalls("sendMessage", chat, 2, Duration.ofSeconds(10));
        assertTrue(said.get(0).param("text").startsWith("Linked to"), said.get(0).param("text"));
        assertEquals("store:" + store, said.get(1).params().getJsonObject("reply_markup").getJsonArray("inline_keyboard")
                .getJsonArray(0).getJsonObject(0).getString("callback_data"));

        webhook(SECRET, TelegramUpdates.callbackQuery(nextUpdate(), chat, "store:" + store)).statusCode(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> fake.calls("answerCallbackQuery").stream().anyMatch(c -> ("Now on " + store).equals(c.param("text"))));
        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/traffic")).statusCode(200); // the store picked
        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/alerts on")).statusCode(200);
        said = fake.awaitCalls("sendMessage", chat, 5, Duration.ofSeconds(15));
        assertTrue(said.get(2).param("text").startsWith("Now on"), said.get(2).param("text"));
        assertTrue(said.get(3).param("text").contains("traffic") && said.get(3).param("text").contains("Visitors: <b>0</b>"), said.get(3).param("text"));
        assertTrue(said.get(4).param("text").contains("are on"), said.get(4).param("text"));
        assertEquals(1, count("SELECT count(*) FROM telegram_chats WHERE chat_id = $1 AND current_store IS NOT NULL", chat));

        // The user blocks the bot: Telegram answers 403, the chat is marked inactive and nothing more is tried.
        fake.failNextForChat("sendMessage", chat, 1, FakeBotApi.Failure.blocked());
        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/help")).statusCode(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT count(*) FROM telegram_chats WHERE chat_id = $1 AND inactive_at IS NOT NULL", chat) == 1);
        assertEquals(1, count("SELECT count(*) FROM telegram_outbox WHERE chat_id = $1 AND failure LIKE '403%'", chat));
    }

    @Test
    void aBurstReachesTheChatAtMostOncePerSecondThrough429s() {
        long chat = nextChat();
        int burst = Integer.getInteger("burst.size", 100);
        fake.failNextForChat("sendMessage", chat, 3, FakeBotApi.Failure.tooManyRequests(2));
        fake.failNextForChat("sendMessage", chat, 1, FakeBotApi.Failure.serverError());
        for (int i = 0; i < burst; i++) {
            webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/help")).statusCode(200);
        }
        List<FakeBotApi.Call> sent = fake.awaitCalls("sendMessage", chat, burst, Duration.ofSeconds(burst + 60));
        assertEquals(burst, sent.size(), "none lost, none twice");
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < sent.size(); i++) {
            gaps.add(Duration.between(sent.get(i - 1).at(), sent.get(i).at()).toMillis());
        }
        // The limiter grants 1,000 ms apart by Redis' clock; the fake records on answering: allow a few ms of network jitter.
        assertTrue(gaps.stream().allMatch(gap -> gap >= 950), "gaps between messages (ms): " + gaps);
        List<FakeBotApi.Call> all = fake.callsForChat("sendMessage", chat);
        assertEquals(burst + 4, all.size(), "three 429 and one 500 were retried");
    }

    @Test
    void badInputIsA4xxAndNeverAnErrorInTheLog() {
        try (LogCapture log = LogCapture.start()) {
            webhook(SECRET, "not json").statusCode(400).contentType("application/problem+json");
            webhook(SECRET, "{\"message\":{}}").statusCode(400);
            webhook(SECRET, "[1,2]").statusCode(400);
            asAdmin().contentType("application/json").body("{\"chatId\":\"x\",\"username\":\"\",\"extra\":1}").post("/api/v1/telegram/chats")
                    .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItems("chatId", "username", "extra"));
            asAdmin().contentType("application/json").body("{\"chatId\":42,\"username\":\"nobody-here\"}").post("/api/v1/telegram/chats")
                    .then().statusCode(400).body("errors[0].field", equalTo("username"));
            asAdmin().delete("/api/v1/telegram/chats/not-a-number").then().statusCode(404);
            String viewer = Api.tokenForNewUser(pool, "viewer");
            as(viewer).contentType("application/json").body("{\"chatId\":42,\"username\":\"admin\"}").post("/api/v1/telegram/chats")
                    .then().statusCode(403);
            // Real payloads that are not commands: 200, and a polite note or nothing.
            long chat = nextChat();
            webhook(SECRET, TelegramUpdates.sticker(nextUpdate(), chat)).statusCode(200);
            webhook(SECRET, TelegramUpdates.photo(nextUpdate(), chat)).statusCode(200);
            webhook(SECRET, TelegramUpdates.editedMessage(nextUpdate(), chat, "/today")).statusCode(200);
            webhook(SECRET, TelegramUpdates.unknownType(nextUpdate())).statusCode(200);
            webhook(SECRET, TelegramUpdates.callbackQuery(nextUpdate(), chat, "store:nowhere")).statusCode(200);
            webhook(SECRET, TelegramUpdates.callbackQueryWithoutMessage(nextUpdate(), chat, "other")).statusCode(200);
            webhook(SECRET, TelegramUpdates.groupMessage(nextUpdate(), -1001234567890123L, chat, "/today@SomeOtherBot")).statusCode(200);
            webhook(SECRET, TelegramUpdates.privateMessageWithoutEntities(nextUpdate(), chat, "/nonsense")).statusCode(200);
            // Every button is answered, with and without the message it was on (answerCallbackQuery has no chat_id).
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> fake.calls("answerCallbackQuery").size() >= 2);
            // The sticker and the photo get a note; the edit, the unknown update and the other bot's command nothing; /nonsense help.
            List<FakeBotApi.Call> notes = fake.awaitCalls("sendMessage", chat, 3, Duration.ofSeconds(15));
            assertTrue(notes.get(0).param("text").contains("commands only"));
            assertTrue(notes.get(1).param("text").contains("commands only"));
            assertTrue(notes.get(2).param("text").contains("What I can do"));
            assertEquals(List.of(), fake.callsForChat("sendMessage", -1001234567890123L), "a command for another bot is not ours");
            assertEquals(List.of(), log.errorsAndStackTraces());
        }
    }

    @Test
    void aRegisteredChatWorksWithoutLinkAndADailyReportGoesOnceWithTwoSendersRacing() {
        String store = Api.uniqueStoreId("tg-daily");
        createStore(store, "UTC", "EUR");
        String username = "tg-" + store;
        pool.preparedQuery("INSERT INTO users (username, password_hash, roles, stores) VALUES ($1, 'x', $2, $3)")
                .execute(Tuple.of(username, new String[] { "manager" }, new String[] { store })).await().indefinitely();
        long chat = nextChat();
        asAdmin().contentType("application/json").body("{\"chatId\":" + chat + ",\"username\":\"" + username + "\"}")
                .post("/api/v1/telegram/chats").then().statusCode(201);
        asAdmin().contentType("application/json").body("{\"chatId\":" + chat + ",\"username\":\"" + username + "\"}")
                .post("/api/v1/telegram/chats").then().statusCode(200);
        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/subscribe daily 23:59")).statusCode(200);
        assertTrue(fake.awaitCalls("sendMessage", chat, 1, Duration.ofSeconds(10)).get(0).param("text").startsWith("Daily report"));
        // Due now: its time has come and nothing was sent today.
        // (Under row-level security like the service: the scope first, in the same transaction.)
        long due = pool.withTransaction(tx -> tx.query("SELECT set_config('retail.store_scope', '*', true)").execute()
                .chain(() -> tx.preparedQuery("UPDATE telegram_subscriptions SET local_time = '00:00', last_sent_on = NULL WHERE chat_id = $1")
                        .execute(Tuple.of(chat)))).await().indefinitely().rowCount();
        assertEquals(1, due);
        io.smallrye.mutiny.Uni.combine().all().unis(dailyReports.sendDue(), dailyReports.sendDue(), dailyReports.sendDue()).discardItems()
                .await().atMost(Duration.ofSeconds(60));
        fake.awaitCalls("sendPhoto", chat, 1, Duration.ofSeconds(20));
        dailyReports.sendDue().await().atMost(Duration.ofSeconds(30));
        assertEquals(1, count("SELECT count(*) FROM telegram_outbox WHERE chat_id = $1 AND method = 'sendPhoto'", chat));
    }

    private long count(String sql, Object argument) {
        return pool.preparedQuery(sql).execute(Tuple.of(argument)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}

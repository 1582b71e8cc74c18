package com.retailintelligence.telegram;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.telegram.TelegramBotTest.SECRET;
import static com.retailintelligence.telegram.TelegramBotTest.nextChat;
import static com.retailintelligence.telegram.TelegramBotTest.nextUpdate;
import static com.retailintelligence.telegram.TelegramBotTest.webhook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.FakeBotApi;
import com.retailintelligence.support.Sql;
import com.retailintelligence.support.TelegramUpdates;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Alerts in Telegram against the fake Bot API: a chat that switched alerts on for a store gets each alert once, with an
 * "Acknowledge" button whose press is recorded (alert list, audit log) and answered; the resolution follows as its own
 * message; chats of other stores, and of a user since moved off the store, get nothing.
 */
@QuarkusTest
@TestProfile(TelegramBotTest.BotOn.class)
class TelegramAlertsTest {

    @Inject
    Pool pool;

    // Never cleared here: TelegramBotTest, in the same application, reads the calls the service made at start.
    private final FakeBotApi fake = FakeBotApi.shared();

    private String user(String role, String... stores) {
        String username = "tga-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("INSERT INTO users (username, password_hash, roles, stores) VALUES ($1, 'x', $2, $3)")
                .execute(Tuple.of(username, new String[] { role }, stores)).await().indefinitely();
        return username;
    }

    private long chatWithAlertsOn(String username, String store) {
        long chat = nextChat();
        asAdmin().body("{\"chatId\":" + chat + ",\"username\":\"" + username + "\"}").post("/api/v1/telegram/chats").then().statusCode(201);
        webhook(SECRET, TelegramUpdates.privateMessage(nextUpdate(), chat, "/alerts on " + store)).statusCode(200);
        String said = fake.awaitCalls("sendMessage", chat, 1, Duration.ofSeconds(15)).get(0).param("text");
        assertTrue(said.contains("are on"), said);
        return chat;
    }

    private static void traffic(String store, int in, int out) {
        asAdmin().body("[{\"id\":\"" + UUID.randomUUID() + "\",\"storeId\":\"" + store + "\",\"sensorId\":\"door-1\",\"timestamp\":\""
                + Instant.now().minusSeconds(5) + "\",\"in\":" + in + ",\"out\":" + out + "}]").post("/api/v1/traffic/events")
                .then().statusCode(200);
    }

    private static String newStore() {
        String id = Api.uniqueStoreId("tga");
        asAdmin().body("{\"id\":\"" + id + "\",\"name\":\"Shop " + id + "\",\"timezone\":\"UTC\",\"capacity\":100}").post("/api/v1/stores")
                .then().statusCode(201);
        asAdmin().body("{\"type\":\"occupancy\",\"percent\":90,\"severity\":\"critical\"}").post("/api/v1/stores/" + id + "/alert-rules")
                .then().statusCode(201);
        return id;
    }

    @Test
    void aChatGetsTheAlertOnceWithAnAcknowledgeButtonAndOthersGetNothing() throws Exception {
        String store = newStore();
        String other = newStore();
        String manager = user("manager", store);
        String viewerOfOther = user("viewer", other);
        String movedAway = user("manager", store);
        long managerChat = chatWithAlertsOn(manager, store);
        long otherChat = chatWithAlertsOn(viewerOfOther, other);
        long movedChat = chatWithAlertsOn(movedAway, store);
        pool.preparedQuery("UPDATE users SET stores = $2 WHERE username = $1").execute(Tuple.of(movedAway, new String[] { other }))
                .await().indefinitely();
        Thread.sleep(1200); // the rules reach the engine (announced on Redis)

        // Buttons that name no alert of this chat's stores: answered, nothing changes.
        webhook(SECRET, TelegramUpdates.callbackQuery(nextUpdate(), managerChat, "ack:abc")).statusCode(200);
        webhook(SECRET, TelegramUpdates.callbackQuery(nextUpdate(), managerChat, "ack:999999999")).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> fake.calls("answerCallbackQuery").stream()
                .anyMatch(c -> "That alert is not among yours.".equals(c.param("text"))));

        traffic(store, 95, 0);
        // The chat's second message, after the "are on" reply.
        List<FakeBotApi.Call> said = fake.awaitCalls("sendMessage", managerChat, 2, Duration.ofSeconds(15));
        String text = said.get(1).param("text");
        assertTrue(text.contains("Critical") && text.contains("95 of 100"), text);
        JsonObject button = said.get(1).params().getJsonObject("reply_markup").getJsonArray("inline_keyboard").getJsonArray(0).getJsonObject(0);
        assertEquals("Acknowledge", button.getString("text"));
        String data = button.getString("callback_data");
        long alertId = Long.parseLong(data.substring("ack:".length()));
        traffic(store, 2, 0); // still over: no second alert

        // The button, pressed: acknowledged, answered, recorded.
        webhook(SECRET, TelegramUpdates.callbackQuery(nextUpdate(), managerChat, data)).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> fake.calls("answerCallbackQuery").stream()
                .anyMatch(c -> "Acknowledged.".equals(c.param("text"))));
        JsonPath alert = asAdmin().queryParam("storeId", store).get("/api/v1/alerts").then().statusCode(200).extract().jsonPath();
        assertEquals("acknowledged", alert.getString("items[0].status"));
        assertEquals(manager, alert.getString("items[0].acknowledgedBy"));
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM audit_log WHERE action = 'alert.acknowledge' AND interface = 'telegram' "
                + "AND actor = $1 AND target = $2", manager, "alert " + alertId));
        // A second press: nothing changes.
        webhook(SECRET, TelegramUpdates.callbackQuery(nextUpdate(), managerChat, data)).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> fake.calls("answerCallbackQuery").stream()
                .anyMatch(c -> String.valueOf(c.param("text")).startsWith("Already acknowledged by " + manager)));
        // A viewer's chat cannot acknowledge (the button of another store is not theirs either).
        webhook(SECRET, TelegramUpdates.callbackQuery(nextUpdate(), otherChat, data)).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> fake.calls("answerCallbackQuery").stream()
                .anyMatch(c -> String.valueOf(c.param("text")).startsWith("Only the store's managers")));

        traffic(store, 0, 60); // 37: resolved
        // "are on", the alert, "acknowledged by", the resolution.
        List<FakeBotApi.Call> later = fake.awaitCalls("sendMessage", managerChat, 4, Duration.ofSeconds(15));
        FakeBotApi.Call resolved = later.stream().filter(c -> c.param("text").contains("Resolved")).findFirst().orElseThrow();
        assertNull(resolved.params().getJsonObject("reply_markup"));
        Thread.sleep(2500); // several outbox sweeps
        List<String> texts = fake.callsForChat("sendMessage", managerChat, true).stream().map(c -> c.param("text")).toList();
        assertEquals(1, texts.stream().filter(t -> t.contains("Critical")).count(), "the alert once: " + texts);
        assertEquals(1, texts.stream().filter(t -> t.contains("Resolved")).count(), "its resolution once: " + texts);
        assertEquals(1, fake.callsForChat("sendMessage", movedChat).size(), "a user moved off the store: only the reply to /alerts on");
        assertTrue(fake.callsForChat("sendMessage", otherChat).stream().noneMatch(c -> c.param("text").contains(store)),
                "another store's chat");
    }
}

package com.retailintelligence.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.FakeBotApi;
import com.retailintelligence.support.PackagedInstances;
import com.retailintelligence.support.TelegramUpdates;

/**
 * Two packaged instances with the bot on, sharing PostgreSQL, Redis and one fake Bot API: one daily subscription
 * sends one report; an update delivered to both instances is answered once; an update stored but never processed
 * (its replica died) is answered by the others' sweep.
 */
class TelegramTwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN_PASSWORD = "telegram-two";
    private static final String SECRET = "two_instances-secret";

    private static PackagedInstances instances;
    private static FakeBotApi fake;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        fake = new FakeBotApi().start();
        instances = PackagedInstances.start("telegram-two", 2, ADMIN_PASSWORD, Map.of("TELEGRAM_TOKEN", FakeBotApi.TOKEN,
                "TELEGRAM_WEBHOOK_SECRET", SECRET, "TELEGRAM_API_URL", fake.url(), "TELEGRAM_SUBSCRIPTIONS_INTERVAL", "1s",
                "TELEGRAM_SWEEP_INTERVAL", "1s"));
    }

    @AfterAll
    static void stopThem() throws Exception {
        if (instances != null) {
            instances.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void oneSubscriptionOneReportAndEachUpdateAnsweredOnce() throws Exception {
        int a = instances.get(0).port();
        int b = instances.get(1).port();
        String token = JSON.readTree(post(a, "/api/v1/auth/login", null, null,
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}").body()).get("access_token").asText();
        String store = "tg2-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, post(a, "/api/v1/stores", token, null, "{\"id\":\"" + store + "\",\"name\":\"Two\",\"timezone\":\"UTC\"}").statusCode());
        long chat = 7_000_000_000L + System.nanoTime() % 1_000_000;
        assertEquals(201, post(b, "/api/v1/telegram/chats", token, null, "{\"chatId\":" + chat + ",\"username\":\"admin\"}").statusCode());

        // One daily subscription, due now (as the table's owner: no scope needed).
        instances.sql("INSERT INTO telegram_subscriptions (chat_id, store_id, local_time) VALUES (" + chat + ", '" + store + "', '00:00')");
        fake.awaitCalls("sendPhoto", chat, 1, Duration.ofSeconds(30));

        // The same update to both instances.
        String help = TelegramUpdates.privateMessage(900_000_001L, chat, "/help");
        assertEquals(200, post(a, "/api/v1/telegram/webhook", null, SECRET, help).statusCode());
        assertEquals(200, post(b, "/api/v1/telegram/webhook", null, SECRET, help).statusCode());
        // An update stored by a replica that died before processing it.
        instances.sql("INSERT INTO telegram_updates (update_id, chat_id, payload) VALUES (900000002, " + chat + ", '"
                + TelegramUpdates.privateMessage(900_000_002L, chat, "/start").replace("'", "''") + "')");
        fake.awaitCalls("sendMessage", chat, 2, Duration.ofSeconds(20));

        Thread.sleep(5_000); // several sweeps and subscription passes on both instances
        assertEquals(1, fake.callsForChat("sendPhoto", chat, true).size(), "one daily report");
        assertEquals(2, fake.callsForChat("sendMessage", chat, true).size(), "each update answered once");
    }

    private static HttpResponse<String> post(int port, String path, String token, String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}

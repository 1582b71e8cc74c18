package com.retailintelligence.telegram;

import static com.retailintelligence.support.Api.asAdmin;
import static io.restassured.RestAssured.given;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.LogCapture;

import io.quarkus.test.junit.QuarkusTest;

/** Without TELEGRAM_TOKEN (the default) the bot is off: its endpoints answer 404 problem+json and store nothing. */
@QuarkusTest
class TelegramOffTest {

    @Test
    void everyBotEndpointAnswers404() {
        try (LogCapture log = LogCapture.start()) {
            given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", "anything")
                    .body(com.retailintelligence.support.TelegramUpdates.privateMessage(1, 1, "/start"))
                    .post("/api/v1/telegram/webhook").then().statusCode(404).contentType("application/problem+json");
            asAdmin().post("/api/v1/telegram/link-codes").then().statusCode(404).contentType("application/problem+json");
            asAdmin().contentType("application/json").body("{\"chatId\":1,\"username\":\"admin\"}").post("/api/v1/telegram/chats")
                    .then().statusCode(404).contentType("application/problem+json");
            asAdmin().get("/api/v1/telegram/chats").then().statusCode(404);
            asAdmin().delete("/api/v1/telegram/chats/1").then().statusCode(404);
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), log.errorsAndStackTraces());
        }
    }
}

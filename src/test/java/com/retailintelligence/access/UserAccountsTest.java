package com.retailintelligence.access;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.createStore;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/** User management, refresh tokens, logout, password change and the login throttle. */
@QuarkusTest
class UserAccountsTest {

    private static final String PASSWORD = "correct-horse-battery";

    @Inject
    Pool pool;

    private static String newName() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ExtractableResponse<Response> login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/auth/login").then().extract();
    }

    private static void createUser(String username, String roles, String stores) {
        Api.asAdmin().body("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"roles\":" + roles
                + ",\"stores\":" + stores + "}").post("/api/v1/auth/users").then().statusCode(201);
    }

    @Test
    void adminCreatesChangesAndDisablesUsers() {
        String store = uniqueStoreId("users");
        createStore(store, "UTC", "EUR");
        String name = newName();
        Api.asAdmin().body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"viewer\"],\"stores\":[\""
                + store + "\"]}").post("/api/v1/auth/users")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/auth/users/" + name))
                .body("username", equalTo(name)).body("roles", containsInAnyOrder("viewer"))
                .body("stores", containsInAnyOrder(store)).body("disabled", equalTo(false))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwordHash")));
        Api.asAdmin().body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"viewer\"],\"stores\":[\""
                + store + "\"]}").post("/api/v1/auth/users").then().statusCode(409);
        Api.asAdmin().get("/api/v1/auth/users").then().statusCode(200).body("username", hasItem(name));

        String token = login(name, PASSWORD).path("access_token");
        Api.as(token).get("/api/v1/stores/" + store).then().statusCode(200);

        Api.asAdmin().body("{\"roles\":[\"manager\"]}").patch("/api/v1/auth/users/" + name)
                .then().statusCode(200).body("roles", containsInAnyOrder("manager")).body("stores", containsInAnyOrder(store));
        String refresh = login(name, PASSWORD).path("refresh_token");
        Api.asAdmin().body("{\"disabled\":true}").patch("/api/v1/auth/users/" + name).then().statusCode(200)
                .body("disabled", equalTo(true));
        assertEquals(401, login(name, PASSWORD).statusCode(), "a disabled user cannot log in");
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + refresh + "\"}").post("/api/v1/auth/refresh")
                .then().statusCode(401);
        Api.asAdmin().body("{\"disabled\":false}").patch("/api/v1/auth/users/" + name).then().statusCode(200);
        assertEquals(200, login(name, PASSWORD).statusCode());
        Api.asAdmin().body("{\"disabled\":true}").patch("/api/v1/auth/users/admin").then().statusCode(409);
        Api.asAdmin().body("{\"roles\":[\"viewer\"]}").patch("/api/v1/auth/users/admin").then().statusCode(409);
        Api.asAdmin().body("{\"roles\":[\"viewer\"]}").patch("/api/v1/auth/users/nobody-" + name).then().statusCode(404);
        Api.asAdmin().get("/api/v1/auth/users/nobody-" + name).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badUserRequestsChangeNothing() {
        long before = Sql.count(pool, "SELECT count(*) FROM users");
        String[] bodies = {
                "{\"username\":\"x\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"admin\"]}", // username too short
                "{\"username\":\"has space\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"admin\"]}",
                "{\"username\":\"" + newName() + "\",\"password\":\"short\",\"roles\":[\"admin\"]}",
                "{\"username\":\"" + newName() + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[]}",
                "{\"username\":\"" + newName() + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"wizard\"]}",
                "{\"username\":\"" + newName() + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"viewer\"]}", // no store
                "{\"username\":\"" + newName() + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"viewer\"],\"stores\":[\"nope\"]}",
                "{\"username\":\"" + newName() + "\",\"password\":12,\"roles\":[\"viewer\"]}",
                // bcrypt reads 72 bytes: a longer password would log in with its first 72 alone
                "{\"username\":\"" + newName() + "\",\"password\":\"" + "x".repeat(73) + "\",\"roles\":[\"admin\"]}",
                "{\"username\":\"" + newName() + "\",\"password\":\"" + "\u00e9".repeat(37) + "\",\"roles\":[\"admin\"]}",
                "[]" };
        for (String body : bodies) {
            Api.asAdmin().body(body).post("/api/v1/auth/users").then().statusCode(400).contentType("application/problem+json");
        }
        assertEquals(before, Sql.count(pool, "SELECT count(*) FROM users"));
        // A change must leave the user able to do something: no empty role list, no number for a boolean.
        String name = newName();
        createUser(name, "[\"admin\"]", "[]");
        Api.asAdmin().body("{\"roles\":[]}").patch("/api/v1/auth/users/" + name).then().statusCode(400)
                .body("errors.field", hasItem("roles"));
        Api.asAdmin().body("{\"disabled\":123}").patch("/api/v1/auth/users/" + name).then().statusCode(400)
                .body("errors.field", hasItem("disabled"));
        Api.asAdmin().get("/api/v1/auth/users/" + name).then().body("roles", containsInAnyOrder("admin"))
                .body("disabled", equalTo(false));
        assertEquals(400, login(name, "x".repeat(73)).statusCode(), "a login with a password bcrypt cannot read whole");
        assertEquals(400, login(name, PASSWORD + "\\u0000").statusCode(), "a password with NUL after it is not the password");
        String viewer = Api.tokenForNewUser(pool, java.util.Set.of("any"), "viewer");
        Api.as(viewer).get("/api/v1/auth/users").then().statusCode(403);
        Api.as(viewer).body("{\"username\":\"" + newName() + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"admin\"]}")
                .post("/api/v1/auth/users").then().statusCode(403);
    }

    @Test
    void refreshTokensWorkOnceAndLogoutRevokes() {
        String name = newName();
        createUser(name, "[\"admin\"]", "[]");
        ExtractableResponse<Response> tokens = login(name, PASSWORD);
        assertEquals(200, tokens.statusCode());
        assertNotNull(tokens.path("refresh_token"));
        assertTrue(((Integer) tokens.path("refresh_expires_in")) > 0);
        String first = tokens.path("refresh_token");

        ExtractableResponse<Response> refreshed = given().contentType(ContentType.JSON)
                .body("{\"refresh_token\":\"" + first + "\"}").post("/api/v1/auth/refresh").then().statusCode(200)
                .body("access_token", notNullValue()).extract();
        Api.as(refreshed.path("access_token")).get("/api/v1/stores").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + first + "\"}").post("/api/v1/auth/refresh")
                .then().statusCode(401).contentType("application/problem+json"); // used once already

        String second = refreshed.path("refresh_token");
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + second + "\"}").post("/api/v1/auth/logout")
                .then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + second + "\"}").post("/api/v1/auth/refresh")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"rt_garbage\"}").post("/api/v1/auth/refresh")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/auth/refresh").then().statusCode(400)
                .body("errors.field", hasItem("refresh_token"));
    }

    @Test
    void ownPasswordChangeNeedsTheCurrentOne() {
        String name = newName();
        createUser(name, "[\"admin\"]", "[]");
        String token = login(name, PASSWORD).path("access_token");
        String refresh = login(name, PASSWORD).path("refresh_token");
        Api.as(token).body("{\"currentPassword\":\"wrong-one\",\"newPassword\":\"a-brand-new-password\"}")
                .put("/api/v1/auth/password").then().statusCode(400).contentType("application/problem+json");
        Api.as(token).body("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"short\"}")
                .put("/api/v1/auth/password").then().statusCode(400).body("errors.field", hasItem("newPassword"));
        assertEquals(200, login(name, PASSWORD).statusCode(), "nothing changed yet");
        Api.as(token).body("{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a-brand-new-password\"}")
                .put("/api/v1/auth/password").then().statusCode(204);
        assertEquals(401, login(name, PASSWORD).statusCode());
        assertEquals(200, login(name, "a-brand-new-password").statusCode());
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"" + refresh + "\"}").post("/api/v1/auth/refresh")
                .then().statusCode(401); // a password change revokes the old refresh tokens
        given().contentType(ContentType.JSON).body("{\"currentPassword\":\"x\",\"newPassword\":\"a-brand-new-password\"}")
                .put("/api/v1/auth/password").then().statusCode(401);
    }

    @Test
    void guessingFromOneAddressDoesNotLockTheRealUserOut() {
        String name = newName();
        createUser(name, "[\"admin\"]", "[]");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, loginFrom("10.9.9.1", name, "not-the-password").statusCode());
        }
        ExtractableResponse<Response> attacker = loginFrom("10.9.9.1", name, PASSWORD);
        assertEquals(429, attacker.statusCode(), "the guessing address waits, even with the right password");
        assertEquals(200, loginFrom("10.9.9.2", name, PASSWORD).statusCode(), "the user from their own address does not");
        // Each further failure doubles the wait.
        int first = Integer.parseInt(attacker.header("Retry-After"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(250))
                .until(() -> loginFrom("10.9.9.1", name, "not-the-password").statusCode() == 401);
        int second = Integer.parseInt(loginFrom("10.9.9.1", name, PASSWORD).header("Retry-After"));
        assertTrue(second > first, "backoff: " + first + " s, then " + second + " s");
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreTriesThanTheLimit() throws Exception {
        String name = newName();
        createUser(name, "[\"admin\"]", "[]");
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(20);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(clients.submit(() -> loginFrom("10.9.8.7", name, "not-the-password").statusCode()));
        }
        int tried = 0;
        for (java.util.concurrent.Future<Integer> answer : answers) {
            int status = answer.get();
            assertTrue(status == 401 || status == 429, "status " + status);
            tried += status == 401 ? 1 : 0;
        }
        clients.shutdown();
        assertEquals(5, tried, "checked and counted in one step: the limit holds for parallel guesses too");
    }

    private static ExtractableResponse<Response> loginFrom(String address, String username, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/auth/login").then().extract();
    }

    @Test
    void repeatedFailuresThrottleTheUsername() {
        String name = newName();
        createUser(name, "[\"admin\"]", "[]");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login(name, "not-the-password").statusCode());
        }
        ExtractableResponse<Response> throttled = login(name, PASSWORD);
        assertEquals(429, throttled.statusCode(), "even the right password waits");
        assertEquals("application/problem+json", throttled.contentType());
        int retryAfter = Integer.parseInt(throttled.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
        // Another user from the same address is not affected (the address limit is higher).
        assertEquals(200, login("admin", com.retailintelligence.support.LocalServices.ADMIN_PASSWORD).statusCode());
    }
}

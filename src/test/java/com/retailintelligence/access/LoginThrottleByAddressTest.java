package com.retailintelligence.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.LocalServices;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Failures from one address, spread over many usernames, close that address for everyone until the window
 * ends. A small limit and a short window here, so the rest of the suite (all from 127.0.0.1) is not locked out.
 */
@QuarkusTest
@TestProfile(LoginThrottleByAddressTest.ShortWindow.class)
class LoginThrottleByAddressTest {

    /** Three failures per address within three seconds. */
    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("retail.auth.login-max-failures-per-address", "3", "retail.auth.login-failure-window", "PT3S");
        }
    }

    private static int login(String username, String password) {
        return given().contentType(ContentType.JSON).body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .post("/api/v1/auth/login").statusCode();
    }

    @Test
    void anAddressWithTooManyFailuresWaitsForTheWindow() {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("guess-" + UUID.randomUUID(), "wrong-password"));
        }
        var throttled = given().contentType(ContentType.JSON)
                .body("{\"username\":\"admin\",\"password\":\"" + LocalServices.ADMIN_PASSWORD + "\"}")
                .post("/api/v1/auth/login").then().extract();
        assertEquals(429, throttled.statusCode(), "the address is closed, whoever logs in");
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) <= 3);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> login("admin", LocalServices.ADMIN_PASSWORD) == 200);
    }
}

package com.retailintelligence.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.PrivateRedis;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Readiness follows Redis: DOWN while it is stopped, UP again on its own once it is back; liveness stays UP. */
@QuarkusTest
@TestProfile(RedisOutageTest.WithPrivateRedis.class)
class RedisOutageTest {

    /** Runs the app against a Redis of this test's own, which it may stop. */
    public static class WithPrivateRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedis.class));
        }
    }

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void readinessFollowsRedis() {
        int port = PrivateRedis.portOf(redisHosts);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        PrivateRedis.shutdown(port);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        PrivateRedis.restart(port);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }
}

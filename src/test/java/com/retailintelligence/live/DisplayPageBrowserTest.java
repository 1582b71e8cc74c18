package com.retailintelligence.live;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.traffic;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.HeadlessChromium;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/** The display page in a real (headless Chromium) browser: its numbers change when events are ingested. */
@QuarkusTest
class DisplayPageBrowserTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Test
    void pageIsServed() {
        given().get("/display/any-store").then().statusCode(200).contentType("text/html").body(containsString("<canvas"));
    }

    @Test
    void numbersOnThePageFollowIngestedEvents() throws Exception {
        Path chromium = HeadlessChromium.find();
        if (chromium == null) {
            // CI installs Chromium (.ci/run); a developer machine without it skips this test.
            Assumptions.assumeFalse(System.getenv("CI") == null, "Chromium is not installed");
            throw new AssertionError("Chromium is required in CI and was not found");
        }
        String store = uniqueStoreId("screen");
        createStore(store, "UTC", "EUR");
        String at = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS).toString();
        postTraffic(batch(List.of(traffic("s1", store, at, 3, 1)))).statusCode(200);

        Path profile = Files.createTempDirectory("chromium-profile");
        try (HeadlessChromium browser = HeadlessChromium.open(chromium, profile, vertx,
                base.resolve("/display/" + store + "?token=" + Api.adminToken()).toString())) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "3".equals(browser.text("visitors")) && "2".equals(browser.text("occupancy")));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> browser.isHidden("status"));

            postTraffic(batch(List.of(traffic("s2", store, at, 2, 0)))).statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "5".equals(browser.text("visitors")) && "4".equals(browser.text("occupancy")));
        }
    }
}

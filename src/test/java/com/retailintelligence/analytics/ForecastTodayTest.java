package com.retailintelligence.analytics;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** Today's forecast: the hours left, and how today so far compares with what was expected so far. */
@QuarkusTest
class ForecastTodayTest {

    @Test
    void todaysForecastListsTheHoursLeft() throws Exception {
        String store = uniqueStoreId("fc");
        createStore(store, "UTC", "EUR");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // One visitor per hour a week ago, three two weeks ago: 2 expected in every hour, 48 in the day.
        List<String> events = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            events.add(traffic("w1-" + hour, store, today.minusWeeks(1) + String.format("T%02d:10:00Z", hour), 1, 0));
            events.add(traffic("w2-" + hour, store, today.minusWeeks(2) + String.format("T%02d:10:00Z", hour), 3, 0));
        }
        postTraffic(batch(events)).statusCode(200);

        ZonedDateTime before = ZonedDateTime.now(ZoneOffset.UTC);
        JsonNode summary = new ObjectMapper().readTree(asAdmin().get("/api/v1/analytics/" + store + "/summary").then().statusCode(200)
                .extract().asString());
        ZonedDateTime after = ZonedDateTime.now(ZoneOffset.UTC);
        assertTrue(summary.get("today").asBoolean());
        JsonNode forecast = summary.get("forecast");
        assertEquals(2, forecast.get("weeksUsed").asInt());
        assertEquals(48, forecast.at("/day/visitors").asLong());
        JsonNode hours = forecast.get("hours");
        if (before.getHour() == after.getHour()) {
            assertEquals(24 - before.getHour(), hours.size(), "the current hour and those after it");
            assertEquals(String.format("%02d:00", before.getHour()), hours.get(0).get("hour").asText());
            double expectedSoFar = forecast.at("/onTrack/expectedVisitors").asDouble();
            assertTrue(expectedSoFar >= 2 * before.getHour() - 0.1 && expectedSoFar <= 2 * (before.getHour() + 1) + 0.1, "" + expectedSoFar);
        }
        hours.forEach(hour -> assertEquals(2.0, hour.get("visitors").asDouble()));
        // Nobody came today yet.
        if (forecast.at("/onTrack/expectedVisitors").asDouble() > 0) {
            assertEquals(0.0, forecast.at("/onTrack/visitors").asDouble());
        }

        String lonely = uniqueStoreId("fc1");
        createStore(lonely, "UTC", "EUR");
        postTraffic(batch(List.of(traffic("w1", lonely, today.minusWeeks(1) + "T10:00:00Z", 4, 0)))).statusCode(200);
        asAdmin().get("/api/v1/analytics/" + lonely + "/summary").then().statusCode(200)
                .body("forecast", org.hamcrest.Matchers.nullValue());
    }
}

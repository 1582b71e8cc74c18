package com.retailintelligence.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The live demo's door-2 counter drops out now and then and sends what it kept when it is back: fed window by window
 * over a day, every reading arrives exactly once, and door 2 is silent for more than 10 minutes several times a day.
 */
class DemoEventsTest {

    private static final long WINDOW = 15;

    @Test
    void droppedOutReadingsArriveLateOnceAndLeaveGapsForTheSensorSilentRule() {
        ObjectMapper mapper = new ObjectMapper();
        for (DemoStore store : DemoStore.ALL) {
            LocalDate day = LocalDate.of(2026, 12, 2);
            Instant start = day.atStartOfDay(store.zone()).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(store.zone()).toInstant();
            DemoEvents live = new DemoEvents(mapper, DemoEvents.LIVE, WINDOW);
            DemoEvents whole = new DemoEvents(mapper, DemoEvents.HISTORY, WINDOW); // no dropouts: every reading in its window
            Map<String, Integer> seen = new HashMap<>();
            List<Instant> door2Sends = new ArrayList<>();
            // Today's backfill up to 10:05 in one call, as at start-up, then window by window.
            Instant backfilled = day.atTime(10, 5).atZone(store.zone()).toInstant();
            for (ObjectNode reading : live.readings(store, start, backfilled)) {
                seen.merge(reading.get("id").asText(), 1, Integer::sum);
            }
            for (Instant w = backfilled; w.isBefore(end); w = w.plusSeconds(WINDOW)) {
                for (ObjectNode reading : live.readings(store, w, w.plusSeconds(WINDOW))) {
                    seen.merge(reading.get("id").asText(), 1, Integer::sum);
                    if ("door-2".equals(reading.get("sensorId").asText())) {
                        door2Sends.add(w);
                    }
                }
            }
            List<String> expected = whole.readings(store, start, end).stream()
                    .map(r -> r.get("id").asText().replace(DemoEvents.HISTORY, DemoEvents.LIVE)).toList();
            assertEquals(expected.size(), seen.size(), store.id() + ": every reading arrives");
            assertTrue(expected.stream().allMatch(id -> seen.getOrDefault(id, 0) == 1), store.id() + ": each exactly once");
            int gaps = 0;
            for (int i = 1; i < door2Sends.size(); i++) {
                if (door2Sends.get(i).getEpochSecond() - door2Sends.get(i - 1).getEpochSecond() > 10 * 60) {
                    gaps++;
                }
            }
            assertTrue(gaps >= 3, store.id() + ": door 2 silent for over 10 minutes " + gaps + " times after 10:05");
        }
    }
}

package com.retailintelligence.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The events channel's text: what one replica renders, another reads back without parsing JSON, unchanged. */
class LiveBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalDate day = LocalDate.of(2026, 12, 7);

    @Test
    void trafficAndAlertsComeBackAsTheyWent() {
        // A line break inside a string is escaped in JSON text, so it cannot split a message.
        List<String> messages = List.of("{\"type\":\"traffic\",\"eventId\":\"a\\nb\"}", "{\"type\":\"traffic\",\"eventId\":\"c\"}");
        LiveBatch back = LiveBatch.decode(LiveBatch.traffic("s-1", day, 12, messages).encode("origin-1"));
        assertEquals(Feed.TRAFFIC, back.feed());
        assertEquals("s-1", back.storeId());
        assertEquals(day, back.day());
        assertEquals(12, back.visitors());
        assertEquals(messages, back.messages());

        String text = LiveBatch.alert("s-2", "{\"type\":\"alert\",\"message\":\"x y\"}").encode("origin-2");
        assertEquals("origin-2", LiveBatch.originOf(text));
        LiveBatch alert = LiveBatch.decode(text);
        assertEquals(Feed.ALERTS, alert.feed());
        assertEquals(null, alert.day());
        assertEquals(-1, alert.visitors());
        assertEquals(List.of("{\"type\":\"alert\",\"message\":\"x y\"}"), alert.messages());
    }

    @Test
    void salesKeepTheirTransactionsAndGetTheirConversionRateOnArrival() throws Exception {
        LiveBatch sent = LiveBatch.sales("s-1", day, List.of("{\"type\":\"sale\",\"eventId\":\"p1\"}", "{\"type\":\"sale\",\"eventId\":\"p2\"}"),
                new long[] { 3, 4 });
        LiveBatch back = LiveBatch.decode(sent.encode("o"));
        assertArrayEquals(new long[] { 3, 4 }, back.transactions());
        JsonNode second = JSON.readTree(back.withConversion(1, 16));
        assertEquals("p2", second.get("eventId").asText());
        assertEquals(0.25, second.get("conversionRate").asDouble(), 1e-12);
        assertEquals(0.0, JSON.readTree(back.withConversion(0, 0)).get("conversionRate").asDouble(), "no visitors yet: 0");
    }

    @Test
    void textInAnotherFormatIsRefusedNotMisread() {
        assertFalse(LiveBatch.isBatch("{\"type\":\"traffic\"}"));
        assertThrows(IllegalArgumentException.class, () -> LiveBatch.decode("L2 only three"));
        assertThrows(IllegalArgumentException.class, () -> LiveBatch.decode("L2 o NOFEED s - -"));
        assertThrows(IllegalArgumentException.class, () -> LiveBatch.sales("s", day, List.of("{}"), new long[0]));
    }

    @Test
    void aPreviousReleasesMessageStillReachesTheScreens() throws Exception {
        String older = "{\"type\":\"sale\",\"storeId\":\"s-1\",\"localDay\":\"2026-12-07\",\"currency\":\"EUR\",\"events\":["
                + "{\"eventId\":\"p1\",\"amount\":\"1.00\",\"transactionsToday\":2}]}";
        LiveBatch batch = OlderReplicaMessages.read(JSON, older);
        assertEquals(Feed.SALES, batch.feed());
        JsonNode message = JSON.readTree(batch.withConversion(0, 4));
        assertEquals("sale", message.get("type").asText());
        assertEquals("s-1", message.get("storeId").asText());
        assertEquals("p1", message.get("eventId").asText());
        assertEquals("EUR", message.get("currency").asText());
        assertEquals("2026-12-07", message.get("localDay").asText());
        assertEquals(0.5, message.get("conversionRate").asDouble(), 1e-12);
        assertTrue(LiveBatch.isBatch(batch.encode("o")));
    }
}

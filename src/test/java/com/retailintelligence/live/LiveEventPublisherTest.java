package com.retailintelligence.live;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.batch;
import static com.retailintelligence.support.Events.createStore;
import static com.retailintelligence.support.Events.postSales;
import static com.retailintelligence.support.Events.postTraffic;
import static com.retailintelligence.support.Events.sale;
import static com.retailintelligence.support.Events.traffic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.test.junit.QuarkusTest;

/** Every accepted event is published once on the events channel, with the store's running totals. */
@QuarkusTest
class LiveEventPublisherTest {

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    RedisKeys keys;
    @Inject
    ObjectMapper mapper;

    @Test
    void acceptedEventsArePublishedOnceWithRunningTotals() throws Exception {
        String store = uniqueStoreId("live");
        createStore(store, "Europe/Lisbon", "EUR");
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        ReactiveRedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(keys.eventsChannel(), json -> {
                    try {
                        JsonNode message = mapper.readTree(json);
                        if (store.equals(message.path("storeId").asText())) {
                            messages.add(message);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .await().atMost(Duration.ofSeconds(10));
        try {
            String readings = batch(List.of(traffic("l1", store, "2026-11-20T10:00:00Z", 3, 1),
                    traffic("l2", store, "2026-11-20T10:00:30Z", 2, 0)));
            postTraffic(readings).statusCode(200);
            JsonNode message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message);
            assertEquals("traffic", message.get("type").asText());
            assertEquals("2026-11-20", message.get("localDay").asText());
            assertEquals(2, message.get("events").size());
            assertEquals("l1", message.get("events").get(0).get("eventId").asText());
            assertEquals(3, message.get("events").get(0).get("visitorsToday").asLong());
            assertEquals(2, message.get("events").get(0).get("occupancy").asLong());
            assertEquals(5, message.get("events").get(1).get("visitorsToday").asLong());
            assertEquals(4, message.get("events").get(1).get("occupancy").asLong());

            postSales(batch(List.of(sale("p1", store, "2026-11-20T10:05:00Z", "12.30", "EUR", "sale")))).statusCode(200);
            JsonNode saleMessage = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(saleMessage);
            assertEquals("sale", saleMessage.get("type").asText());
            assertEquals("12.30", saleMessage.get("events").get(0).get("revenueToday").asText());
            assertEquals(1, saleMessage.get("events").get(0).get("transactionsToday").asLong());

            // A retried batch is all duplicates: nothing new to publish.
            postTraffic(readings).statusCode(200);
            assertNull(messages.poll(1, TimeUnit.SECONDS));
        } finally {
            subscriber.unsubscribe().await().atMost(Duration.ofSeconds(10));
        }
    }
}

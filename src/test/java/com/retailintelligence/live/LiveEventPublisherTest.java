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
        BlockingQueue<LiveBatch> batches = new LinkedBlockingQueue<>();
        ReactiveRedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(keys.eventsChannel(), text -> {
                    LiveBatch batch = LiveBatch.decode(text);
                    if (store.equals(batch.storeId())) {
                        batches.add(batch);
                    }
                })
                .await().atMost(Duration.ofSeconds(10));
        try {
            String readings = batch(List.of(traffic("l1", store, "2026-11-20T10:00:00Z", 3, 1),
                    traffic("l2", store, "2026-11-20T10:00:30Z", 2, 0)));
            postTraffic(readings).statusCode(200);
            LiveBatch traffic = batches.poll(10, TimeUnit.SECONDS);
            assertNotNull(traffic);
            assertEquals(Feed.TRAFFIC, traffic.feed());
            assertEquals("2026-11-20", traffic.day().toString());
            assertEquals(5, traffic.visitors());
            assertEquals(2, traffic.messages().size(), "one message per event, rendered where it was accepted");
            JsonNode first = mapper.readTree(traffic.messages().get(0));
            assertEquals("traffic", first.get("type").asText());
            assertEquals(store, first.get("storeId").asText());
            assertEquals("l1", first.get("eventId").asText());
            assertEquals(3, first.get("visitorsToday").asLong());
            assertEquals(2, first.get("occupancy").asLong());
            assertEquals("2026-11-20", first.get("localDay").asText());
            JsonNode second = mapper.readTree(traffic.messages().get(1));
            assertEquals(5, second.get("visitorsToday").asLong());
            assertEquals(4, second.get("occupancy").asLong());

            postSales(batch(List.of(sale("p1", store, "2026-11-20T10:05:00Z", "12.30", "EUR", "sale")))).statusCode(200);
            LiveBatch sales = batches.poll(10, TimeUnit.SECONDS);
            assertNotNull(sales);
            assertEquals(Feed.SALES, sales.feed());
            JsonNode sale = mapper.readTree(sales.withConversion(0, 5));
            assertEquals("12.30", sale.get("revenueToday").asText());
            assertEquals(1, sale.get("transactionsToday").asLong());
            assertEquals("EUR", sale.get("currency").asText());
            assertEquals(0.2, sale.get("conversionRate").asDouble(), 1e-9);

            // A retried batch is all duplicates: nothing new to publish.
            postTraffic(readings).statusCode(200);
            assertNull(batches.poll(1, TimeUnit.SECONDS));
        } finally {
            subscriber.unsubscribe().await().atMost(Duration.ofSeconds(10));
        }
    }
}

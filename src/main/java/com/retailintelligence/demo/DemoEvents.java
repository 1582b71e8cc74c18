package com.retailintelligence.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns the demo model's windows into ingest events (the JSON the API takes), with ids derived from the id
 * prefix and the window, so the same window always yields the same events and ids.
 */
final class DemoEvents {

    /** Ids of the live feed: {@code demo-door1-<epoch>}, {@code demo-pos-<epoch>-<n>}. */
    static final String LIVE = "demo-";
    /** Ids of the history: {@code demo-h-door1-<epoch>}, {@code demo-h-pos-<epoch>-<n>}. */
    static final String HISTORY = "demo-h-";

    private final ObjectMapper mapper;
    private final String idPrefix;
    private final long windowSeconds;

    DemoEvents(ObjectMapper mapper, String idPrefix, long windowSeconds) {
        this.mapper = mapper;
        this.idPrefix = idPrefix;
        this.windowSeconds = windowSeconds;
    }

    /** People-counter readings of the windows from {@code from} (a window start) until {@code until}. */
    List<ObjectNode> readings(DemoStore store, Instant from, Instant until) {
        List<ObjectNode> readings = new ArrayList<>();
        for (Instant w = from; w.isBefore(until); w = w.plusSeconds(windowSeconds)) {
            String at = w.plusSeconds(windowSeconds / 2).toString();
            for (int door = 1; door <= DemoStore.DOORS; door++) {
                int in = DemoTraffic.entering(store, w, windowSeconds, door);
                int out = DemoTraffic.leaving(store, w, windowSeconds, door);
                if (in + out > 0) {
                    readings.add(mapper.createObjectNode().put("id", idPrefix + "door" + door + "-" + w.getEpochSecond())
                            .put("storeId", store.id()).put("sensorId", "door-" + door).put("timestamp", at)
                            .put("in", in).put("out", out));
                }
            }
        }
        return readings;
    }

    /** POS transactions of the windows from {@code from} (a window start) until {@code until}. */
    List<ObjectNode> transactions(DemoStore store, Instant from, Instant until) {
        List<ObjectNode> transactions = new ArrayList<>();
        for (Instant w = from; w.isBefore(until); w = w.plusSeconds(windowSeconds)) {
            String at = w.plusSeconds(windowSeconds / 2).toString();
            int count = DemoTraffic.sales(store, w, windowSeconds);
            for (int n = 0; n < count; n++) {
                transactions.add(mapper.createObjectNode().put("id", idPrefix + "pos-" + w.getEpochSecond() + "-" + n)
                        .put("storeId", store.id()).put("timestamp", at)
                        .put("amount", BigDecimal.valueOf(DemoTraffic.amountMinor(store, w, n), store.minorDigits()).toPlainString())
                        .put("currency", store.currency()).put("items", DemoTraffic.items(store, w, n))
                        .put("type", DemoTraffic.isRefund(store, w, n) ? "refund" : "sale"));
            }
        }
        return transactions;
    }
}

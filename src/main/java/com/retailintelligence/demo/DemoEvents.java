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

    /**
     * People-counter readings of the windows from {@code from} (a window start) until {@code until}. In the live feed a
     * door's counter now and then drops out (DemoTraffic.dropoutEnd): its readings of those minutes are held back and
     * sent together when it comes back, as a store-and-forward counter does, so the counts stay exact and the
     * sensor-silent rule has something real to report.
     */
    List<ObjectNode> readings(DemoStore store, Instant from, Instant until) {
        List<ObjectNode> readings = new ArrayList<>();
        boolean live = LIVE.equals(idPrefix);
        for (Instant w = from; w.isBefore(until); w = w.plusSeconds(windowSeconds)) {
            for (int door = 1; door <= DemoStore.DOORS; door++) {
                if (live && DemoTraffic.dropout(store, w, door) != null) {
                    continue; // held back by the counter
                }
                add(readings, store, w, door);
                Instant[] ended = live ? DemoTraffic.dropout(store, w.minusSeconds(windowSeconds), door) : null;
                if (ended != null) {
                    // The first window after a dropout: the counter is back and sends what it kept.
                    long first = (ended[0].getEpochSecond() + windowSeconds - 1) / windowSeconds * windowSeconds;
                    for (Instant kept = Instant.ofEpochSecond(first); kept.isBefore(ended[1]); kept = kept.plusSeconds(windowSeconds)) {
                        add(readings, store, kept, door);
                    }
                }
            }
        }
        return readings;
    }

    private void add(List<ObjectNode> readings, DemoStore store, Instant w, int door) {
        int in = DemoTraffic.entering(store, w, windowSeconds, door);
        int out = DemoTraffic.leaving(store, w, windowSeconds, door);
        if (in + out > 0) {
            readings.add(mapper.createObjectNode().put("id", idPrefix + "door" + door + "-" + w.getEpochSecond())
                    .put("storeId", store.id()).put("sensorId", "door-" + door).put("timestamp", w.plusSeconds(windowSeconds / 2).toString())
                    .put("in", in).put("out", out));
        }
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

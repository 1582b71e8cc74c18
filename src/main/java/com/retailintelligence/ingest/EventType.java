package com.retailintelligence.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.DayTotals;
import com.retailintelligence.store.StoreDirectory.StoreInfo;

import io.smallrye.mutiny.Uni;

/** What the ingest pipeline needs to know of one kind of event (people-counter readings, sales). */
public interface EventType<E extends IngestedEvent> {

    /** Short name for logs, metrics and live messages: "traffic" or "sale". */
    String name();

    /** Reads and checks one event; yields null (with errors recorded in {@code fields}) when it is invalid. */
    E read(int index, JsonNode event, FieldReader fields, Instant latest);

    /** Checks an otherwise valid event against its store (e.g. the currency); records errors in {@code fields}. */
    default void checkAgainstStore(int index, E event, StoreInfo store, FieldReader fields) {
    }

    /**
     * Stores the batch in one statement: only events never seen before are inserted and rolled up. The
     * statement runs under {@code scope} (row-level security refuses rows of other stores).
     */
    Uni<Inserted<E>> insert(List<E> events, StoreScope scope);

    /** The live messages of the accepted events: a batch per store and local day, one message per event in batch order. */
    List<com.retailintelligence.live.LiveBatch> liveMessages(List<E> accepted, Map<String, StoreInfo> stores, DayTotals totals);

    /** The events a statement inserted (new ones only) and the absolute rollup values it left. */
    record Inserted<E>(List<E> accepted, List<com.retailintelligence.aggregate.RollupRow> rollups) {
    }
}

package com.retailintelligence.ingest;

import java.util.List;
import java.util.Map;

import com.retailintelligence.aggregate.DayTotals;
import com.retailintelligence.store.StoreDirectory.StoreInfo;

/**
 * A CDI event fired on the replica that ingested a batch, right after its live messages were published: the new
 * events, their stores and the day totals they left. Rules that react to events (the alert engine) observe it, so
 * each event is looked at once in the whole deployment, not once per replica. Observers must not block.
 */
public record AcceptedEvents(String type, List<? extends IngestedEvent> events, Map<String, StoreInfo> stores, DayTotals totals) {
}

package com.retailintelligence.live;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the live messages of a replica of the previous release (one JSON object per store-day, its events in an
 * array), so that during a rolling upgrade its events still reach this replica's screens. Older replicas cannot
 * read {@link LiveBatch} text (they log it as unreadable), so until the rollout ends their screens miss the events
 * ingested through upgraded replicas. Remove once no replica of that release runs.
 */
final class OlderReplicaMessages {

    private OlderReplicaMessages() {
    }

    static LiveBatch read(ObjectMapper mapper, String json) {
        JsonNode message;
        try {
            message = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        String type = message.path("type").asText();
        String storeId = message.path("storeId").asText();
        JsonNode events = message.path("events");
        if (events.isMissingNode()) {
            return LiveBatch.alert(storeId, json); // alerts went as they were
        }
        LocalDate day = LocalDate.parse(message.path("localDay").asText());
        List<String> perEvent = new ArrayList<>();
        long[] transactions = new long[events.size()];
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            ObjectNode out = mapper.createObjectNode().put("type", type).put("storeId", storeId);
            out.setAll((ObjectNode) event);
            out.put("localDay", day.toString());
            if (type.equals(Feed.SALES.messageType())) {
                out.put("currency", message.path("currency").asText());
                transactions[i] = event.path("transactionsToday").asLong();
            }
            perEvent.add(out.toString());
        }
        if (type.equals(Feed.SALES.messageType())) {
            return LiveBatch.sales(storeId, day, perEvent, transactions);
        }
        long visitors = events.size() == 0 ? -1 : events.get(events.size() - 1).path("visitorsToday").asLong();
        return LiveBatch.traffic(storeId, day, visitors, perEvent);
    }
}

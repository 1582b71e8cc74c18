package com.retailintelligence.demo;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.ingest.IngestOutcome;
import com.retailintelligence.sales.SalesService;
import com.retailintelligence.traffic.TrafficService;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Posts demo events through the real ingest (every store's scope), in JSON batches of at most 1000, one after the other. */
@Singleton
class DemoIngest {

    static final int BATCH = 1000;

    private final TrafficService traffic;
    private final SalesService sales;
    private final ObjectMapper mapper;

    DemoIngest(TrafficService traffic, SalesService sales, ObjectMapper mapper) {
        this.traffic = traffic;
        this.sales = sales;
        this.mapper = mapper;
    }

    /** The events as JSON request bodies of at most {@link #BATCH} events each. */
    List<byte[]> bodies(List<ObjectNode> events) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < events.size(); i += BATCH) {
            try {
                bodies.add(mapper.writeValueAsBytes(events.subList(i, Math.min(events.size(), i + BATCH))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return bodies;
    }

    /** Posts people-counter batches in sequence. */
    Uni<Counts> traffic(List<byte[]> bodies) {
        return post(bodies, true);
    }

    /** Posts POS batches in sequence. */
    Uni<Counts> sales(List<byte[]> bodies) {
        return post(bodies, false);
    }

    private Uni<Counts> post(List<byte[]> bodies, boolean isTraffic) {
        Uni<Counts> chain = Uni.createFrom().item(Counts.NONE);
        for (byte[] body : bodies) {
            chain = chain.chain(sum -> (isTraffic ? traffic.ingest(body, StoreScope.ALL) : sales.ingest(body, StoreScope.ALL))
                    .map(outcome -> sum.plus(counts(outcome))));
        }
        return chain;
    }

    private static Counts counts(IngestOutcome outcome) {
        if (outcome instanceof IngestOutcome.Accepted accepted) {
            return new Counts(accepted.accepted(), accepted.duplicates());
        }
        Log.errorf("Demo: batch rejected: %s", outcome);
        return Counts.NONE;
    }

    /** New events and duplicates of what was posted. */
    record Counts(long accepted, long duplicates) {

        static final Counts NONE = new Counts(0, 0);

        Counts plus(Counts other) {
            return new Counts(accepted + other.accepted, duplicates + other.duplicates);
        }
    }
}

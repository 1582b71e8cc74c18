package com.retailintelligence.traffic;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.DayAggregateReader;
import com.retailintelligence.aggregate.DayAggregates;
import com.retailintelligence.aggregate.DayQuery;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.ingest.IngestOutcome;
import com.retailintelligence.ingest.IngestPipeline;
import com.retailintelligence.store.Store;

import io.smallrye.mutiny.Uni;

/** Foot traffic: ingest of people-counter readings and the daily series. */
@ApplicationScoped
public class TrafficService {

    private final IngestPipeline pipeline;
    private final TrafficEvents events;
    private final DayAggregateReader reader;

    public TrafficService(IngestPipeline pipeline, TrafficEvents events, DayAggregateReader reader) {
        this.pipeline = pipeline;
        this.events = events;
        this.reader = reader;
    }

    public Uni<IngestOutcome> ingest(byte[] body, StoreScope scope) {
        return pipeline.ingest(events, body, scope);
    }

    public Uni<TrafficDay> day(Store store, DayQuery query) {
        ZoneId zone = ZoneId.of(store.timezone());
        return reader.read(store.id(), query.date(), query.bucket(), Metrics.TRAFFIC).map(day -> {
            List<TrafficDay.Point> series = new ArrayList<>();
            long in = 0;
            long out = 0;
            for (Instant start : DayAggregates.bucketStarts(query.date(), zone, query.bucket())) {
                long visitors = day.at(Metrics.VISITORS, start);
                long exits = day.at(Metrics.EXITS, start);
                in += visitors;
                out += exits;
                series.add(new TrafficDay.Point(start.atZone(zone).toOffsetDateTime(), visitors, exits, Math.max(0, in - out)));
            }
            long visitors = day.total(Metrics.VISITORS);
            long exits = day.total(Metrics.EXITS);
            return new TrafficDay(store.id(), query.date(), store.timezone(), query.bucket().key(), series,
                    new TrafficDay.Totals(visitors, exits, Math.max(0, visitors - exits)));
        });
    }
}

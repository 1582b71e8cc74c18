package com.retailintelligence.sales;

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
import com.retailintelligence.validation.Money;

import io.smallrye.mutiny.Uni;

/** Sales: ingest of POS transactions and the daily series. */
@ApplicationScoped
public class SalesService {

    private static final List<String> SERIES_METRICS = List.of(Metrics.TRANSACTIONS, Metrics.GROSS, Metrics.REFUNDS);

    private final IngestPipeline pipeline;
    private final SaleEvents events;
    private final DayAggregateReader reader;

    public SalesService(IngestPipeline pipeline, SaleEvents events, DayAggregateReader reader) {
        this.pipeline = pipeline;
        this.events = events;
        this.reader = reader;
    }

    public Uni<IngestOutcome> ingest(byte[] body, StoreScope scope) {
        return pipeline.ingest(events, body, scope);
    }

    public Uni<SalesDay> day(Store store, DayQuery query) {
        ZoneId zone = ZoneId.of(store.timezone());
        String currency = store.currency();
        return reader.read(store.id(), query.date(), query.bucket(), SERIES_METRICS).map(day -> {
            List<SalesDay.Point> series = new ArrayList<>();
            for (Instant start : DayAggregates.bucketStarts(query.date(), zone, query.bucket())) {
                long refunds = day.at(Metrics.REFUNDS, start);
                series.add(new SalesDay.Point(start.atZone(zone).toOffsetDateTime(), day.at(Metrics.TRANSACTIONS, start),
                        Money.format(day.at(Metrics.GROSS, start) - refunds, currency), Money.format(refunds, currency)));
            }
            long gross = day.total(Metrics.GROSS);
            long refunds = day.total(Metrics.REFUNDS);
            SalesDay.Totals totals = new SalesDay.Totals(day.total(Metrics.TRANSACTIONS), Money.format(gross - refunds, currency),
                    gross - refunds, Money.format(gross, currency), Money.format(refunds, currency),
                    day.total(Metrics.REFUND_COUNT), day.total(Metrics.ITEMS), currency);
            return new SalesDay(store.id(), query.date(), store.timezone(), query.bucket().key(), currency, series, totals);
        });
    }
}

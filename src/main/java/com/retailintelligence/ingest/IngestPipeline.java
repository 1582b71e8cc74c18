package com.retailintelligence.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.AggregateConfig;
import com.retailintelligence.aggregate.AggregateWriter;
import com.retailintelligence.aggregate.DayTotals;
import com.retailintelligence.live.LiveEventPublisher;
import com.retailintelligence.problem.OverloadedException;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.store.StoreDirectory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The ingest pipeline shared by every event type: validate the whole batch, persist it in one statement
 * (PostgreSQL first: a 2xx means durable; concurrent batches share statements, see StatementBatcher), mirror
 * the new rollup values to Redis, publish the events live and announce them to this replica's observers
 * (AcceptedEvents).
 * Redis and pub/sub failures never fail a request: AggregateSync brings Redis back in line.
 */
@ApplicationScoped
public class IngestPipeline {

    private final ObjectReader reader;
    private final StoreDirectory stores;
    private final AggregateWriter aggregates;
    private final LiveEventPublisher publisher;
    private final IngestConfig config;
    private final AggregateConfig aggregateConfig;
    private final Counter redisDeferred;
    private final MeterRegistry registry;
    private final Event<AcceptedEvents> acceptedEvents;
    private final Map<String, StatementBatcher<?>> batchers = new java.util.concurrent.ConcurrentHashMap<>();

    public IngestPipeline(ObjectMapper mapper, StoreDirectory stores, AggregateWriter aggregates, LiveEventPublisher publisher,
            IngestConfig config, AggregateConfig aggregateConfig, MeterRegistry registry, Event<AcceptedEvents> acceptedEvents) {
        this.acceptedEvents = acceptedEvents;
        this.reader = EventBatch.reader(mapper);
        this.stores = stores;
        this.aggregates = aggregates;
        this.publisher = publisher;
        this.config = config;
        this.aggregateConfig = aggregateConfig;
        this.registry = registry;
        this.redisDeferred = Counter.builder("retail.ingest.redis.deferred")
                .description("Batches whose Redis update was left to the background sync").register(registry);
    }

    /** Ingests a batch for a principal whose store scope is {@code scope}. */
    public <E extends IngestedEvent> Uni<IngestOutcome> ingest(EventType<E> type, byte[] body, StoreScope scope) {
        if (batcher(type).isFull()) {
            // Refused before the body is even parsed: under overload the CPU goes to the batches that can be served.
            return Uni.createFrom().failure(new OverloadedException("the " + type.name() + " statement queue is full"));
        }
        EventBatch.Parsed parsed = EventBatch.parse(reader, body, config.maxBatch());
        if (parsed.rejection() != null) {
            return Uni.createFrom().item(parsed.rejection());
        }
        FieldReader fields = new FieldReader(config.maxFuture(), config.earliestTimestamp());
        Instant latest = Instant.now().plus(config.maxFuture());
        List<E> events = new ArrayList<>(parsed.events().size());
        Set<String> storeIds = new LinkedHashSet<>();
        for (int i = 0; i < parsed.events().size(); i++) {
            JsonNode node = parsed.events().get(i);
            E event = fields.isObject(i, node) ? type.read(i, node, fields, latest) : null;
            events.add(event);
            if (event != null) {
                storeIds.add(event.storeId());
            }
        }
        Set<String> forbidden = new TreeSet<>();
        storeIds.stream().filter(id -> !scope.allows(id)).forEach(forbidden::add);
        if (!forbidden.isEmpty()) {
            // Checked before existence, so the answer says nothing about stores the principal may not see.
            return Uni.createFrom().item(new IngestOutcome.Forbidden("This principal may not write events for store"
                    + (forbidden.size() > 1 ? "s " : " ") + String.join(", ", forbidden) + "; nothing was stored."));
        }
        return stores.find(storeIds).chain(known -> {
            IngestOutcome.Rejected rejection = checkStores(type, events, known, fields);
            if (rejection != null) {
                return Uni.createFrom().item(rejection);
            }
            return batcher(type).submit(events, known, scope)
                    .<IngestOutcome>map(accepted -> accepted)
                    // A store deleted since it was looked up: the foreign key refuses the whole statement.
                    .onFailure(IngestPipeline::isForeignKeyViolation).recoverWithItem(() -> {
                        storeIds.forEach(stores::forget);
                        return new IngestOutcome.Rejected(false, "A store of this batch no longer exists; nothing was stored.",
                                List.of());
                    })
                    // The rollups' CHECK: totals stay exact as doubles (Redis scores, JSON numbers), at most 2^53 - 1.
                    .onFailure(IngestPipeline::isTotalBeyondLimit).recoverWithItem(() -> new IngestOutcome.Rejected(false,
                            "This batch would take a total of store " + String.join(", ", storeIds)
                                    + " beyond 9007199254740991, the largest kept exactly; nothing was stored.", List.of()));
        });
    }

    private <E extends IngestedEvent> IngestOutcome.Rejected checkStores(EventType<E> type, List<E> events, Map<String, StoreDirectory.StoreInfo> known,
            FieldReader fields) {
        Set<String> unknown = new TreeSet<>();
        for (int i = 0; i < events.size(); i++) {
            E event = events.get(i);
            if (event == null) {
                continue;
            }
            StoreDirectory.StoreInfo store = known.get(event.storeId());
            if (store == null) {
                unknown.add(event.storeId());
                fields.error(i, "storeId", "no store with id '" + event.storeId() + "'");
            } else {
                type.checkAgainstStore(i, event, store, fields);
            }
        }
        if (!fields.hasErrors()) {
            return null;
        }
        List<Problem.FieldError> errors = fields.sortedErrors();
        String detail = unknown.isEmpty() ? "" : "Unknown store" + (unknown.size() > 1 ? "s " : " ")
                + String.join(", ", unknown.stream().map(id -> "'" + id + "'").toList()) + ". ";
        detail += errors.size() + (errors.size() == 1 ? " error" : " errors") + " in the batch; nothing was stored.";
        return new IngestOutcome.Rejected(false, detail, errors);
    }

    @SuppressWarnings("unchecked")
    private <E extends IngestedEvent> StatementBatcher<E> batcher(EventType<E> type) {
        return (StatementBatcher<E>) batchers.computeIfAbsent(type.name(), name -> new StatementBatcher<>(type,
                config.maxStatementEvents(), config.maxStatementsInFlight(), config.maxQueuedEvents(), registry, (inserted, known) -> mirror(type, inserted, known)));
    }

    private static boolean isForeignKeyViolation(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && "23503".equals(pg.getSqlState());
    }

    /** The rollups' value check (V6) or a bigint overflow on the way to it. */
    private static boolean isTotalBeyondLimit(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg
                && ("23514".equals(pg.getSqlState()) && "rollups_value_exact".equals(pg.getConstraint())
                        || "22003".equals(pg.getSqlState()));
    }

    /** Best effort: Redis and pub/sub may be down; the events are already durable. */
    private <E extends IngestedEvent> Uni<Void> mirror(EventType<E> type, EventType.Inserted<E> inserted, Map<String, StoreDirectory.StoreInfo> known) {
        if (inserted.accepted().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // The live messages carry totals from PostgreSQL: they go out at once, without waiting for the aggregate
        // write, which may be slow or fail (the sync repairs Redis; a slow write used to swallow, then delay them).
        DayTotals totals = DayTotals.of(inserted.rollups());
        publisher.publish(type.liveMessages(inserted.accepted(), known, totals));
        return aggregates.apply(inserted.rollups())
                .ifNoItem().after(aggregateConfig.writeTimeout()).fail()
                .onFailure().recoverWithItem(failure -> {
                    redisDeferred.increment();
                    Log.debugf("Redis update of a %s batch deferred to the sync: %s", type.name(), failure.getMessage());
                    return null;
                })
                .invoke(() -> {
                    try {
                        acceptedEvents.fire(new AcceptedEvents(type.name(), inserted.accepted(), known, totals));
                    } catch (RuntimeException e) {
                        // The events are durable and published; an observer's bug must not fail the request.
                        Log.errorf(e, "An observer of accepted %s events failed", type.name());
                    }
                });
    }
}

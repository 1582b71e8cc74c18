package com.retailintelligence.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * This replica's side of the live fan-out: the events it ingests itself, handed over by {@link LiveEventPublisher},
 * and one Redis subscription to the events channel for those of every other replica (each has its own, so a
 * display on any replica sees events ingested through any other), split into one message per event for each
 * local connection that wants that feed and store.
 */
@Singleton
public class LiveFeedHub {

    private final ReactivePubSubCommands<String> pubsub;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final RedisKeys keys;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final Map<String, Registered> subscribers = new ConcurrentHashMap<>();
    private final Map<Thread, LoopSubscribers> byLoop = new ConcurrentHashMap<>();
    private final Map<String, Integer> perPrincipal = new ConcurrentHashMap<>();
    /** How many subscribers want each feed and store ({@link #interestKey}): an event nobody here wants is not even read. */
    private final Map<String, Integer> interest = new ConcurrentHashMap<>();
    /** Sales that wait for a Redis read, one at a time, so that they still leave in the order they came. */
    private final InOrder salesWaiting = new InOrder();
    private final VisitorsToday knownVisitors = new VisitorsToday();
    /** This replica's tag on the batches it publishes ({@link LiveEventPublisher}). */
    private volatile String ownOrigin = "";

    public LiveFeedHub(ReactiveRedisDataSource redis, RedisKeys keys, ObjectMapper mapper, Vertx vertx) {
        this.pubsub = redis.pubsub(String.class);
        this.sortedSets = redis.sortedSet(String.class);
        this.keys = keys;
        this.mapper = mapper;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        subscribe();
        subscribeToRevocations();
    }

    /** Registers a subscriber; called on its connection's event loop, which it is grouped by. */
    void add(LiveSubscriber subscriber) {
        LoopSubscribers loop = byLoop.computeIfAbsent(Thread.currentThread(),
                thread -> new LoopSubscribers(subscriber.context()));
        subscribers.put(subscriber.id(), new Registered(subscriber, loop));
        perPrincipal.merge(subscriber.principal(), 1, Integer::sum);
        interestKeys(subscriber).forEach(key -> interest.merge(key, 1, Integer::sum));
        loop.add(subscriber);
    }

    void remove(String connectionId) {
        Registered removed = subscribers.remove(connectionId);
        if (removed != null) {
            perPrincipal.computeIfPresent(removed.subscriber().principal(),
                    (name, count) -> count <= 1 ? null : count - 1);
            interestKeys(removed.subscriber()).forEach(key -> interest.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1));
            removed.loop().remove(removed.subscriber());
        }
    }

    private static List<String> interestKeys(LiveSubscriber subscriber) {
        if (subscriber.stores().isEmpty()) {
            return List.of(interestKey(subscriber.feed(), null));
        }
        return subscriber.stores().stream().map(store -> interestKey(subscriber.feed(), store)).toList();
    }

    /** "feed:store", or "feed:" for subscribers of every store in their scope. */
    private static String interestKey(Feed feed, String storeId) {
        return storeId == null ? feed.name() + ':' : feed.name() + ':' + storeId;
    }

    private boolean anyoneWants(Feed feed, String storeId) {
        return interest.containsKey(interestKey(feed, null)) || interest.containsKey(interestKey(feed, storeId));
    }

    /** Live connections the principal holds on this replica. */
    int connectionsOf(String principal) {
        return perPrincipal.getOrDefault(principal, 0);
    }

    /** Subscribes to the events channel, and again after the subscription ends (Redis restarted). */
    private void subscribe() {
        pubsub.subscribe(keys.eventsChannel(), this::received, this::resubscribeLater,
                failure -> resubscribeLater())
                .subscribe().with(
                        ignored -> Log.debugf("Subscribed to %s", keys.eventsChannel()),
                        failure -> {
                            Log.warnf("Cannot subscribe to live events (%s); retrying", failure.getMessage());
                            resubscribeLater();
                        });
    }

    /** Closes, with 1008, the feeds of principals whose access was withdrawn on any replica. */
    private void subscribeToRevocations() {
        pubsub.subscribe(keys.revocationsChannel(), this::closeAllOf,
                () -> vertx.setTimer(1000, id -> subscribeToRevocations()),
                failure -> vertx.setTimer(1000, id -> subscribeToRevocations()))
                .subscribe().with(ignored -> {
                }, failure -> vertx.setTimer(1000, id -> subscribeToRevocations()));
    }

    /** Closes every live connection of this replica with the code (1001 when the replica shuts down); returns how many. */
    int closeAll(int code, String reason) {
        List<Registered> open = List.copyOf(subscribers.values());
        open.forEach(registered -> registered.subscriber().close(code, reason));
        return open.size();
    }

    /** Live connections open on this replica. */
    int connectionCount() {
        return subscribers.size();
    }

    void closeAllOf(String principal) {
        subscribers.values().forEach(registered -> {
            if (registered.subscriber().principal().equals(principal)) {
                registered.subscriber().close(LiveFeeds.POLICY_VIOLATION, "access revoked");
            }
        });
    }

    private void resubscribeLater() {
        vertx.setTimer(Duration.ofSeconds(1).toMillis(), id -> subscribe());
    }

    /** This replica's origin tag on the channel ({@link LiveEventPublisher}): its own batches were delivered already. */
    void setOwnOrigin(String origin) {
        this.ownOrigin = origin;
    }

    /** Text from the events channel: another replica's batch (this replica's own went out when published). */
    private void received(String text) {
        if (subscribers.isEmpty()) {
            return;
        }
        LiveBatch batch;
        try {
            if (LiveBatch.isBatch(text)) {
                if (LiveBatch.originOf(text).equals(ownOrigin)) {
                    return;
                }
                batch = LiveBatch.decode(text);
            } else {
                batch = OlderReplicaMessages.read(mapper, text); // a replica of the previous release, during a rollout
            }
        } catch (RuntimeException e) {
            Log.warnf("Ignoring an unreadable live message: %s", e.getMessage());
            return;
        }
        deliver(batch);
    }

    /**
     * Delivers a batch to this replica's screens: one from the channel, or one this replica accepted (then at once,
     * not after a Redis round trip).
     */
    void deliver(LiveBatch batch) {
        String storeId = batch.storeId();
        if (batch.feed() == Feed.TRAFFIC && batch.visitors() >= 0) {
            knownVisitors.learned(storeId, batch.day(), batch.visitors());
        }
        if (subscribers.isEmpty() || !anyoneWants(batch.feed(), storeId)) {
            return;
        }
        if (batch.feed() != Feed.SALES) {
            fanOut(batch.feed(), storeId, batch.messages());
            return;
        }
        // Conversion needs the day's visitors, which sales messages do not carry: known here, or read from Redis.
        Long known = knownVisitors.fresh(storeId, batch.day());
        if (known != null && salesWaiting.idle()) {
            fanOutSales(batch, known); // no earlier sale is waiting for its read: these may go at once
            return;
        }
        salesWaiting.add(() -> {
            Long learned = knownVisitors.fresh(storeId, batch.day());
            if (learned != null) {
                fanOutSales(batch, learned);
                return Uni.createFrom().voidItem();
            }
            return sortedSets.zscore(keys.dayTotals(storeId, batch.day()), Metrics.VISITORS)
                    .onFailure().recoverWithNull()
                    .invoke(visitors -> {
                        long value = visitors == null ? 0 : visitors.longValue();
                        if (visitors != null) {
                            knownVisitors.learned(storeId, batch.day(), value);
                        }
                        fanOutSales(batch, value);
                    })
                    .replaceWithVoid();
        });
    }

    private void fanOutSales(LiveBatch batch, long visitorsToday) {
        List<String> messages = new ArrayList<>(batch.messages().size());
        for (int i = 0; i < batch.messages().size(); i++) {
            messages.add(batch.withConversion(i, visitorsToday));
        }
        fanOut(Feed.SALES, batch.storeId(), messages);
    }

    /** Encodes each message once and hands the frames to every event loop's subscribers of the store. */
    private void fanOut(Feed feed, String storeId, List<String> messages) {
        List<LiveFrame> frames = new ArrayList<>(messages.size());
        for (String message : messages) {
            frames.add(LiveFrame.of(message));
        }
        for (LoopSubscribers loop : byLoop.values()) {
            loop.deliver(feed, storeId, frames);
        }
    }

    private record Registered(LiveSubscriber subscriber, LoopSubscribers loop) {
    }
}

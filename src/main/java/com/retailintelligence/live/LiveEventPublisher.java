package com.retailintelligence.live;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;

/**
 * Publishes accepted events to the live feeds: straight to this replica's own screens, and once on the Redis
 * events channel for every other replica's. Each batch names its origin replica, so this replica skips its own
 * when the channel brings them back (each screen still gets each event once), and its screens need no Redis
 * round trip — nor a running Redis. Pub/sub is fire-and-forget: a batch published while Redis is down is lost
 * for the other replicas (the aggregates are not: they are synced from PostgreSQL).
 */
@ApplicationScoped
public class LiveEventPublisher {

    private final ReactivePubSubCommands<String> pubsub;
    private final String channel;
    private final LiveFeedHub hub;
    private final String origin = UUID.randomUUID().toString();

    public LiveEventPublisher(ReactiveRedisDataSource redis, RedisKeys keys, LiveFeedHub hub) {
        this.pubsub = redis.pubsub(String.class);
        this.channel = keys.eventsChannel();
        this.hub = hub;
        hub.setOwnOrigin(origin);
    }

    /** Delivers the batches to this replica's screens and publishes them for the others, without waiting. */
    public void publish(List<LiveBatch> batches) {
        for (LiveBatch batch : batches) {
            hub.deliver(batch);
            pubsub.publish(channel, batch.encode(origin)).subscribe().with(
                    ignored -> {
                    },
                    failure -> Log.debugf("Live batch not published: %s", failure.getMessage()));
        }
    }
}

package com.retailintelligence.live;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;

/**
 * Publishes accepted events on the Redis events channel, once, so the live feeds and alert rules of every
 * replica see them. Pub/sub is fire-and-forget: a message published while Redis is down is lost (the
 * aggregates are not: they are synced from PostgreSQL).
 */
@ApplicationScoped
public class LiveEventPublisher {

    private final ReactivePubSubCommands<String> pubsub;
    private final String channel;

    public LiveEventPublisher(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.pubsub = redis.pubsub(String.class);
        this.channel = keys.eventsChannel();
    }

    /** Publishes the messages (JSON text), without waiting; a failure is only logged at debug level. */
    public void publish(List<String> messages) {
        for (String json : messages) {
            pubsub.publish(channel, json).subscribe().with(
                    ignored -> {
                    },
                    failure -> Log.debugf("Live message not published: %s", failure.getMessage()));
        }
    }
}

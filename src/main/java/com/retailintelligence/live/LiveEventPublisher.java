package com.retailintelligence.live;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.aggregate.RedisKeys;

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
    private final ObjectMapper mapper;
    private final String channel;

    public LiveEventPublisher(ReactiveRedisDataSource redis, ObjectMapper mapper, RedisKeys keys) {
        this.pubsub = redis.pubsub(String.class);
        this.mapper = mapper;
        this.channel = keys.eventsChannel();
    }

    public void publish(List<JsonNode> messages) {
        for (JsonNode message : messages) {
            String json;
            try {
                json = mapper.writeValueAsString(message);
            } catch (JsonProcessingException e) {
                Log.errorf(e, "Cannot serialise a live message");
                continue;
            }
            pubsub.publish(channel, json).subscribe().with(
                    ignored -> {
                    },
                    failure -> Log.debugf("Live message not published: %s", failure.getMessage()));
        }
    }
}

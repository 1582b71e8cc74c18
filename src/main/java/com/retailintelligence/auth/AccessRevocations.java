package com.retailintelligence.auth;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Uni;

/**
 * Announces on Redis that a principal lost its access (an API key revoked, a user disabled), so every replica
 * closes that principal's open live feeds at once instead of when their credential would expire. Best effort:
 * if Redis is down the announcement is lost, and the feeds close at their token's expiry (users) — a revoked
 * key's requests are refused at once either way.
 */
@ApplicationScoped
public class AccessRevocations {

    private final ReactivePubSubCommands<String> pubsub;
    private final RedisKeys keys;

    public AccessRevocations(ReactiveRedisDataSource redis, RedisKeys keys) {
        this.pubsub = redis.pubsub(String.class);
        this.keys = keys;
    }

    /** Publishes the principal's name; never fails. */
    public Uni<Void> revoked(String principal) {
        return pubsub.publish(keys.revocationsChannel(), principal)
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Could not announce that %s lost access: %s", principal, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}

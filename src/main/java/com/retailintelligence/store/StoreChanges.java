package com.retailintelligence.store;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import com.retailintelligence.redis.RedisKeys;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Tells every replica at once that a store came, changed or went (its time zone, its currency), so their store caches
 * forget it rather than trust it until the cache's time-to-live runs out. Best effort, over Redis pub/sub: if the
 * announcement is lost, the cache forgets the store after RETAIL_INGEST_STORE_CACHE_TTL (5 s) anyway.
 */
@Singleton
public class StoreChanges {

    private final ReactivePubSubCommands<String> pubsub;
    private final RedisKeys keys;
    private final StoreDirectory directory;
    private final StoreListCache list;
    private final Vertx vertx;

    public StoreChanges(ReactiveRedisDataSource redis, RedisKeys keys, StoreDirectory directory, StoreListCache list, Vertx vertx) {
        this.pubsub = redis.pubsub(String.class);
        this.keys = keys;
        this.directory = directory;
        this.list = list;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        subscribe();
    }

    /** This replica forgets the store now; the others as soon as the announcement reaches them. */
    void changed(String storeId) {
        forget(storeId);
        pubsub.publish(keys.storeChangesChannel(), storeId).subscribe().with(ignored -> {
        }, failure -> Log.debugf("Store change of %s not announced: %s", storeId, failure.getMessage()));
    }

    /** Listens, and listens again after the subscription ends (Redis restarted). */
    private void subscribe() {
        pubsub.subscribe(keys.storeChangesChannel(), this::forget, this::subscribeLater, failure -> subscribeLater())
                .subscribe().with(ignored -> {
                }, failure -> subscribeLater());
    }

    private void forget(String storeId) {
        directory.forget(storeId);
        list.forget();
    }

    private void subscribeLater() {
        vertx.setTimer(1000, id -> subscribe());
    }
}

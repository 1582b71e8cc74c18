package com.retailintelligence.live;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.Context;

/**
 * The live subscribers whose connections run on one event loop, indexed by feed and store. A published event
 * reaches them with one task on that loop, which then writes to each matching socket directly, instead of one
 * cross-thread hand-over per connection; and it looks only at the subscribers of that event's store (plus those
 * that asked for no store in particular), so at chain scale an event costs its own store's screens, not every
 * screen of the replica. Only ever touched on its own loop, so it needs no locks.
 */
final class LoopSubscribers {

    private final Context context;
    /** Subscribers that named stores ({@code ?storeId=}), under each store they named. */
    private final Map<Feed, Map<String, List<LiveSubscriber>>> byStore = new EnumMap<>(Feed.class);
    /** Subscribers of every store in their scope (no {@code storeId}). */
    private final Map<Feed, List<LiveSubscriber>> everyStore = new EnumMap<>(Feed.class);

    LoopSubscribers(Context context) {
        this.context = context;
    }

    void add(LiveSubscriber subscriber) {
        context.runOnContext(ignored -> {
            if (subscriber.stores().isEmpty()) {
                everyStore.computeIfAbsent(subscriber.feed(), feed -> new ArrayList<>()).add(subscriber);
            } else {
                Map<String, List<LiveSubscriber>> stores = byStore.computeIfAbsent(subscriber.feed(), feed -> new HashMap<>());
                subscriber.stores().forEach(store -> stores.computeIfAbsent(store, id -> new ArrayList<>(2)).add(subscriber));
            }
        });
    }

    void remove(LiveSubscriber subscriber) {
        context.runOnContext(ignored -> {
            if (subscriber.stores().isEmpty()) {
                List<LiveSubscriber> all = everyStore.get(subscriber.feed());
                if (all != null) {
                    all.remove(subscriber);
                }
                return;
            }
            Map<String, List<LiveSubscriber>> stores = byStore.get(subscriber.feed());
            if (stores != null) {
                subscriber.stores().forEach(store -> {
                    List<LiveSubscriber> list = stores.get(store);
                    if (list != null && list.remove(subscriber) && list.isEmpty()) {
                        stores.remove(store);
                    }
                });
            }
        });
    }

    /** Sends the messages, in order, to every subscriber here that wants this feed and store. Any thread. */
    void deliver(Feed feed, String storeId, List<LiveFrame> messages) {
        context.runOnContext(ignored -> {
            Map<String, List<LiveSubscriber>> stores = byStore.get(feed);
            if (stores != null) {
                sendAll(stores.get(storeId), feed, storeId, messages);
            }
            sendAll(everyStore.get(feed), feed, storeId, messages);
        });
    }

    private static void sendAll(List<LiveSubscriber> subscribers, Feed feed, String storeId, List<LiveFrame> messages) {
        if (subscribers == null) {
            return;
        }
        for (LiveSubscriber subscriber : subscribers) {
            if (subscriber.wants(feed, storeId)) { // the scope, checked per message (a named store was checked at the upgrade)
                for (LiveFrame message : messages) {
                    subscriber.send(message);
                }
            }
        }
    }
}

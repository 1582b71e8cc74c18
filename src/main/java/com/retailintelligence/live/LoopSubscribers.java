package com.retailintelligence.live;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.Context;

/**
 * The live subscribers whose connections run on one event loop. A published event reaches them with one task
 * on that loop, which then writes to each of their sockets directly, instead of one cross-thread hand-over per
 * connection. Only ever touched on its own loop, so it needs no locks.
 */
final class LoopSubscribers {

    private final Context context;
    private final List<LiveSubscriber> subscribers = new ArrayList<>();

    LoopSubscribers(Context context) {
        this.context = context;
    }

    void add(LiveSubscriber subscriber) {
        context.runOnContext(ignored -> subscribers.add(subscriber));
    }

    void remove(LiveSubscriber subscriber) {
        context.runOnContext(ignored -> subscribers.remove(subscriber));
    }

    /** Sends the messages, in order, to every subscriber here that wants this feed and store. Any thread. */
    void deliver(Feed feed, String storeId, List<String> messages) {
        context.runOnContext(ignored -> {
            for (LiveSubscriber subscriber : subscribers) {
                if (subscriber.wants(feed, storeId)) {
                    for (String message : messages) {
                        subscriber.send(message);
                    }
                }
            }
        });
    }
}

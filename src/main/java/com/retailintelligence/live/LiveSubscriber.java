package com.retailintelligence.live;

import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One display connection: which feed and stores it wants, and its own bounded, ordered send queue. Messages
 * are sent one at a time in order; a client that lets more than the limit pile up is closed with 1013
 * ("try again later") instead of being buffered without bound, so a slow screen never slows the pipeline.
 * Nothing is sent before {@link #start(String...)} puts the snapshot first.
 */
final class LiveSubscriber {

    static final int TOO_SLOW = 1013;

    private final WebSocketConnection connection;
    private final String principal;
    private final Feed feed;
    private final Set<String> stores;
    private final int maxPending;
    private final ConcurrentLinkedDeque<String> queue = new ConcurrentLinkedDeque<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private volatile boolean started;

    LiveSubscriber(WebSocketConnection connection, String principal, Feed feed, Set<String> stores, int maxPending) {
        this.connection = connection;
        this.principal = principal;
        this.feed = feed;
        this.stores = stores;
        this.maxPending = maxPending;
    }

    String principal() {
        return principal;
    }

    boolean wants(Feed messageFeed, String storeId) {
        return feed == messageFeed && (stores.isEmpty() || stores.contains(storeId));
    }

    void send(String message) {
        if (pending.incrementAndGet() > maxPending) {
            close(TOO_SLOW, "client too slow");
            return;
        }
        queue.addLast(message);
        drain();
    }

    /** Puts the snapshot messages before everything queued meanwhile, and starts sending. */
    void start(String... snapshot) {
        for (int i = snapshot.length - 1; i >= 0; i--) {
            pending.incrementAndGet();
            queue.addFirst(snapshot[i]);
        }
        started = true;
        drain();
    }

    void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ignored -> {
            }, failure -> Log.debugf("Closing %s failed: %s", connection.id(), failure.getMessage()));
        }
    }

    private void drain() {
        if (!started || !sending.compareAndSet(false, true)) {
            return;
        }
        String next = queue.pollFirst();
        if (next == null) {
            sending.set(false);
            if (!queue.isEmpty()) {
                drain(); // a message arrived between the poll and the reset
            }
            return;
        }
        connection.sendText(next).subscribe().with(
                ignored -> {
                    pending.decrementAndGet();
                    sending.set(false);
                    drain();
                },
                failure -> {
                    sending.set(false);
                    close(1011, "send failed");
                });
    }
}

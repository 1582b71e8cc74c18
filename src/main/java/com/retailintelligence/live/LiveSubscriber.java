package com.retailintelligence.live;

import java.util.ArrayDeque;
import java.util.Set;

import com.retailintelligence.access.StoreScope;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * One display connection: which feed and stores it wants, and its bound on unsent messages. Everything here
 * runs on the connection's own event loop ({@link #context()}), so a send is a direct write in order, with no
 * hand-over to another thread and no wait for the previous one. Messages handed to the connection but not yet
 * written to its socket are counted; a client that lets more than the limit pile up is closed with 1013
 * ("try again later") instead of being buffered without bound, so a slow screen never slows the pipeline.
 * Nothing is sent before {@link #start(LiveFrame...)} puts the snapshot first (events meanwhile wait, bounded too).
 * Frames go straight to the Vert.x socket when {@link DirectWrites} reaches it, each wrapping the message's shared
 * UTF-8 bytes; otherwise through {@code sendText}.
 */
final class LiveSubscriber {

    /** "Try Again Later" (RFC 6455 registry): used for a client too slow to keep up and for a feed that could not open. */
    static final int TRY_AGAIN_LATER = 1013;
    /** Vert.x's default largest frame: a longer message goes through {@code sendText}, which splits it. */
    private static final int MAX_DIRECT_FRAME = 65536;

    private final WebSocketConnection connection;
    private final WebSocketBase socket;
    private final Handler<AsyncResult<Void>> written = this::written;
    private final Context context;
    private final String principal;
    private final Feed feed;
    private final StoreScope scope;
    private final Set<String> filter;
    private final int maxPending;
    private final ArrayDeque<LiveFrame> beforeStart = new ArrayDeque<>();
    private int unsent;
    private boolean started;
    private volatile boolean closing;

    LiveSubscriber(WebSocketConnection connection, Context context, String principal, Feed feed, StoreScope scope,
            Set<String> filter, int maxPending) {
        this.connection = connection;
        this.socket = DirectWrites.socketOf(connection);
        this.context = context;
        this.principal = principal;
        this.feed = feed;
        this.scope = scope;
        this.filter = filter;
        this.maxPending = maxPending;
    }

    String id() {
        return connection.id();
    }

    String principal() {
        return principal;
    }

    /** The connection's event loop context: every other method runs on it. */
    Context context() {
        return context;
    }

    Feed feed() {
        return feed;
    }

    /** The stores it named ({@code ?storeId=}); empty: every store of its scope. */
    Set<String> stores() {
        return filter;
    }

    boolean wants(Feed messageFeed, String storeId) {
        return feed == messageFeed && scope.allows(storeId) && (filter.isEmpty() || filter.contains(storeId));
    }

    /** Sends now, or after the snapshot when that has not gone yet. On the connection's event loop only. */
    void send(LiveFrame message) {
        if (closing) {
            return;
        }
        if (!started) {
            if (beforeStart.size() >= maxPending) {
                close(TRY_AGAIN_LATER, "client too slow");
            } else {
                beforeStart.addLast(message);
            }
            return;
        }
        if (unsent >= maxPending) {
            close(TRY_AGAIN_LATER, "client too slow");
            return;
        }
        unsent++;
        if (socket != null && message.utf8().length <= MAX_DIRECT_FRAME) {
            socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, message.utf8(), true), written);
        } else {
            connection.sendText(message.text()).subscribe().with(ignored -> unsent--, failure -> close(1011, "send failed"));
        }
    }

    private void written(AsyncResult<Void> result) {
        if (result.succeeded()) {
            unsent--;
        } else {
            close(1011, "send failed");
        }
    }

    /** Sends the snapshot messages, then whatever arrived meanwhile. Any thread. */
    void start(LiveFrame... snapshot) {
        context.runOnContext(ignored -> {
            started = true;
            for (LiveFrame message : snapshot) {
                send(message);
            }
            while (!beforeStart.isEmpty()) {
                send(beforeStart.pollFirst());
            }
        });
    }

    /** Closes the connection with the code; any thread. */
    void close(int code, String reason) {
        closing = true;
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ignored -> {
            }, failure -> Log.debugf("Closing %s failed: %s", connection.id(), failure.getMessage()));
        }
    }
}

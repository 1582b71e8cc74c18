package com.retailintelligence.live;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

import com.retailintelligence.access.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** The live alerts feed for displays: a snapshot per store, then one message per event. */
@WebSocket(path = "/ws/alerts")
@RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER, Roles.DISPLAY })
public class AlertsFeedSocket {

    @Inject
    LiveFeeds feeds;

    @Inject
    SecurityIdentity identity;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        return feeds.open(connection, identity, Feed.ALERTS);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        feeds.close(connection);
    }
}

package com.retailintelligence.support;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/** Tries a WebSocket upgrade and tells its HTTP status: 101 when it was accepted (then closes it). */
public final class WsUpgrade {

    private WsUpgrade() {
    }

    public static int status(Vertx vertx, URI base, String path, String token) {
        return status(vertx, options(base, path, token));
    }

    /** Upgrade options for the path, with the token as a bearer header when there is one. */
    public static WebSocketConnectOptions options(URI base, String path, String token) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI(path);
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        return options;
    }

    public static int status(Vertx vertx, WebSocketConnectOptions options) {
        try {
            WebSocket socket = vertx.createWebSocketClient().connect(options).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            socket.close();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

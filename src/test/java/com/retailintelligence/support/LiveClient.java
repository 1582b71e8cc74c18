package com.retailintelligence.support;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/** A live feed client for tests: connects, and queues every message as JSON from the first frame on. */
public final class LiveClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final URI base;

    public LiveClient(Vertx vertx, URI base) {
        this.vertx = vertx;
        this.base = base;
    }

    public WebSocketConnectOptions options(String path) {
        return new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI(path);
    }

    /** Connects with the token as a bearer header (none when null) and an Origin when given. */
    public WebSocket connect(String path, String token, String origin, BlockingQueue<JsonNode> messages) throws Exception {
        WebSocketConnectOptions options = options(path);
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        return connect(new WebSocketClientOptions(), options, messages);
    }

    public WebSocket connect(String path, String token, BlockingQueue<JsonNode> messages) throws Exception {
        return connect(path, token, null, messages);
    }

    public WebSocket connect(WebSocketClientOptions client, WebSocketConnectOptions options, BlockingQueue<JsonNode> messages)
            throws Exception {
        // The handler is set as the connection completes, on its event loop, so no early frame (the snapshot) is missed.
        return vertx.createWebSocketClient(client).connect(options).map(socket -> {
            socket.textMessageHandler(text -> {
                try {
                    messages.add(JSON.readTree(text));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return socket;
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The HTTP status of an upgrade that must be refused. */
    public static int refusedStatus(Executable connect) {
        ExecutionException failure = Assertions.assertThrows(ExecutionException.class, connect);
        Assertions.assertTrue(failure.getCause() instanceof UpgradeRejectedException, String.valueOf(failure.getCause()));
        return ((UpgradeRejectedException) failure.getCause()).getStatus();
    }
}

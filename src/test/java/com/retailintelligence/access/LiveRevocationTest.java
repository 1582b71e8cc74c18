package com.retailintelligence.access;

import static com.retailintelligence.support.Api.uniqueStoreId;
import static com.retailintelligence.support.Events.createStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/** Withdrawing access closes the live feeds opened with it at once (1008), not when the credential expires. */
@QuarkusTest
class LiveRevocationTest {

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URI base;

    /** Opens a feed and yields the queue its close code will arrive on. */
    private BlockingQueue<Short> open(String path) throws Exception {
        BlockingQueue<Short> closed = new LinkedBlockingQueue<>();
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI(path)).map(socket -> {
                    socket.textMessageHandler(messages::add);
                    socket.closeHandler(ignored -> closed.add(socket.closeStatusCode()));
                    return socket;
                }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertNotNull(messages.poll(10, TimeUnit.SECONDS), "the snapshot came: the feed is registered");
        return closed;
    }

    @Test
    void revokingAKeyClosesItsFeeds() throws Exception {
        String store = uniqueStoreId("revoke-ws");
        createStore(store, "UTC", "EUR");
        var created = Api.asAdmin().body("{\"name\":\"screen\",\"roles\":[\"display\"],\"stores\":[\"" + store + "\"]}")
                .post("/api/v1/auth/api-keys").then().statusCode(201).extract();
        BlockingQueue<Short> closed = open("/ws/traffic/realtime?storeId=" + store + "&access_token=" + created.path("key"));
        Api.asAdmin().delete("/api/v1/auth/api-keys/" + created.path("id")).then().statusCode(204);
        Short code = closed.poll(10, TimeUnit.SECONDS);
        assertNotNull(code, "closed after the revocation");
        assertEquals(1008, code.intValue());
    }

    @Test
    void disablingAUserClosesTheirFeeds() throws Exception {
        String store = uniqueStoreId("disable-ws");
        createStore(store, "UTC", "EUR");
        String name = "screen-" + UUID.randomUUID().toString().substring(0, 8);
        Api.asAdmin().body("{\"username\":\"" + name + "\",\"password\":\"long-password-1\",\"roles\":[\"viewer\"],\"stores\":[\""
                + store + "\"]}").post("/api/v1/auth/users").then().statusCode(201);
        String token = Api.login(name, "long-password-1");
        BlockingQueue<Short> closed = open("/ws/sales/live?storeId=" + store + "&access_token=" + token);
        Api.asAdmin().body("{\"disabled\":true}").patch("/api/v1/auth/users/" + name).then().statusCode(200);
        Short code = closed.poll(10, TimeUnit.SECONDS);
        assertNotNull(code, "closed after the user was disabled");
        assertEquals(1008, code.intValue());
    }
}

package com.retailintelligence.live;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;

/**
 * Reaches the Vert.x WebSocket behind a WebSockets Next connection, so that the fan-out writes each frame to it
 * directly: {@code WebSocketConnection.sendText} wraps every send in a Mutiny {@code Uni}, a
 * {@code CompletionStage} and a captured context (several per cent of the service's CPU at a thousand screens per
 * event, in JFR; docs/live.md, "Delivery inside a replica"). WebSockets Next keeps that accessor package-private, so
 * it is looked up once, reflectively; when a Quarkus upgrade moves it, {@link #socketOf} answers null and the feeds
 * fall back to {@code sendText} (slower, same messages), and
 * {@code LiveCompressionTest.framesAreWrittenDirectlyToTheVertxSocket} fails to say so.
 */
@RegisterForReflection(classNames = "io.quarkus.websockets.next.runtime.WebSocketConnectionBase", methods = true, fields = false)
final class DirectWrites {

    private static final MethodHandle WEB_SOCKET = lookUp();

    private DirectWrites() {
    }

    /** Whether frames can be written directly (false: every send goes through {@code sendText}). */
    static boolean available() {
        return WEB_SOCKET != null;
    }

    /** The Vert.x socket of the connection, or null when it cannot be reached. */
    static WebSocketBase socketOf(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return null;
        }
        try {
            return (WebSocketBase) WEB_SOCKET.invoke(connection);
        } catch (Throwable e) {
            return null;
        }
    }

    private static MethodHandle lookUp() {
        try {
            Method method = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase")
                    .getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("Live feeds send through WebSocketConnection.sendText: the Vert.x socket is out of reach (%s)", e);
            return null;
        }
    }
}

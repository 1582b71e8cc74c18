package com.retailintelligence.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Redis server of the test's own, on a free port, for tests that stop and restart Redis without
 * disturbing the machine's shared instance. Needs redis-server on the PATH (as on this project's machines).
 * Tests stop and start it by port ({@link #shutdown(int)}, {@link #restart(int)}); the resource stops
 * whichever process is serving the port at the end.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    private static final Map<Integer, Process> RUNNING = new ConcurrentHashMap<>();

    private int port;

    @Override
    public Map<String, String> start() {
        port = freePort();
        restart(port);
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        shutdown(port);
    }

    /** The port of the server started for the current test profile, read back from the app's config. */
    public static int portOf(String redisHosts) {
        return Integer.parseInt(redisHosts.substring(redisHosts.lastIndexOf(':') + 1));
    }

    /** Starts an empty Redis on the port (it keeps nothing on disk) and waits until it accepts connections. */
    public static void restart(int port) {
        try {
            Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RUNNING.put(port, process);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> accepts(port));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start redis-server (is it installed?): " + e.getMessage(), e);
        }
    }

    /** Stops the Redis on the port and waits until the port is closed. */
    public static void shutdown(int port) {
        Process process = RUNNING.remove(port);
        if (process != null) {
            process.destroy();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive() && !accepts(port));
        }
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

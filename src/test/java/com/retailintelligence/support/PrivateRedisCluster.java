package com.retailintelligence.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Redis Cluster of the test's own: three masters, no replicas, on free ports (each with its bus port, +10000 free
 * too), in a temporary folder. Needs redis-server and redis-cli on the PATH. Points the service at it with the cluster
 * client; stops the servers it started (by their process ids) and deletes the folder at the end.
 */
public class PrivateRedisCluster implements QuarkusTestResourceLifecycleManager {

    private static final int NODES = 3;

    /** The ports of the running cluster's nodes, for tests that look at each node. */
    private static volatile List<Integer> ports = List.of();

    private final List<Process> servers = new ArrayList<>();
    private Path folder;

    public static List<Integer> ports() {
        return ports;
    }

    @Override
    public Map<String, String> start() {
        try {
            folder = Files.createTempDirectory("ri-redis-cluster-");
            List<Integer> chosen = new ArrayList<>();
            while (chosen.size() < NODES) {
                int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
                if (!chosen.contains(port) && free(port) && free(port + 10_000)) {
                    chosen.add(port);
                }
            }
            for (int port : chosen) {
                servers.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--cluster-enabled", "yes", "--cluster-config-file", folder.resolve("nodes-" + port + ".conf").toString(),
                        "--dir", folder.toString(), "--save", "", "--appendonly", "no")
                        .redirectErrorStream(true).redirectOutput(folder.resolve("redis-" + port + ".log").toFile()).start());
            }
            for (int port : chosen) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "PONG".equals(cli(port, "PING")));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            chosen.forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process creating = new ProcessBuilder(create).redirectErrorStream(true).start();
            String output = new String(creating.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!creating.waitFor(30, TimeUnit.SECONDS) || creating.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: " + output);
            }
            for (int port : chosen) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> cli(port, "CLUSTER", "INFO").contains("cluster_state:ok"));
            }
            ports = List.copyOf(chosen);
            String hosts = chosen.stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
            return Map.of("quarkus.redis.hosts", hosts, "quarkus.redis.client-type", "cluster");
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("Cannot start a Redis Cluster (are redis-server and redis-cli installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        for (Process server : servers) {
            // Process.destroy signals exactly the process this resource started (SIGTERM to its pid).
            server.destroy();
        }
        for (Process server : servers) {
            try {
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
        ports = List.of();
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a leftover temp folder harms nobody
            }
        }
    }

    /** Runs redis-cli against one node (no cluster redirects) and answers its output. */
    public static String cli(int port, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

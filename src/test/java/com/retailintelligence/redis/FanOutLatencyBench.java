package com.retailintelligence.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.PrivateRedis;
import com.retailintelligence.support.PrivateRedisCluster;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Not a test (its name keeps it out of the suite): measures pub/sub delivery latency and throughput through the
 * Vert.x Redis client the service uses, on a private single node and a private 3-master cluster, plain
 * PUBLISH/SUBSCRIBE and sharded SPUBLISH/SSUBSCRIBE. Prints numbers, asserts only that every message arrived.
 * Run: ./mvnw -B -o test -Dtest=FanOutLatencyBench -Dsurefire.failIfNoSpecifiedTests=false
 */
class FanOutLatencyBench {

    private static final int LATENCY_MESSAGES = 2_000;
    private static final int THROUGHPUT_MESSAGES = 20_000;
    private static final int WINDOW = 256;
    private static final String PADDING = "x".repeat(300);

    @Test
    void measure() throws Exception {
        Vertx vertx = Vertx.vertx();
        PrivateRedis single = new PrivateRedis();
        PrivateRedisCluster cluster = new PrivateRedisCluster();
        try {
            Map<String, String> singleConfig = single.start();
            Map<String, String> clusterConfig = cluster.start();
            RedisOptions standalone = new RedisOptions().setConnectionString(singleConfig.get("quarkus.redis.hosts"));
            RedisOptions clustered = new RedisOptions().setType(RedisClientType.CLUSTER);
            Arrays.stream(clusterConfig.get("quarkus.redis.hosts").split(",")).forEach(clustered::addConnectionString);
            List<String> lines = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                // The first round warms up the JIT and the connections; the second is reported.
                lines.clear();
                lines.add(run(vertx, standalone, false, "single node  PUBLISH/SUBSCRIBE  "));
                lines.add(run(vertx, clustered, false, "3-node cluster PUBLISH/SUBSCRIBE "));
                lines.add(run(vertx, clustered, true, "3-node cluster SPUBLISH/SSUBSCRIBE"));
            }
            lines.forEach(line -> System.out.println("FanOutLatencyBench: " + line));
        } finally {
            cluster.stop();
            single.stop();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static String run(Vertx vertx, RedisOptions options, boolean sharded, String label) throws Exception {
        String channel = "bench:events:" + System.nanoTime();
        Map<Long, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        AtomicLong received = new AtomicLong();
        CountDownLatch[] all = { new CountDownLatch(0) };
        RedisConnection subscriber = get(Redis.createClient(vertx, options).connect());
        subscriber.handler(message -> {
            if (message.size() == 3 && (message.get(0).toString().equals("message") || message.get(0).toString().equals("smessage"))) {
                long now = System.nanoTime();
                String payload = message.get(2).toString();
                long id = Long.parseLong(payload.substring(0, payload.indexOf('|')));
                received.incrementAndGet();
                all[0].countDown();
                CompletableFuture<Long> future = waiting.remove(id);
                if (future != null) {
                    future.complete(now);
                }
            }
        });
        get(subscriber.send(Request.cmd(sharded ? Command.SSUBSCRIBE : Command.SUBSCRIBE).arg(channel)));
        Thread.sleep(200);
        RedisConnection publisher = get(Redis.createClient(vertx, options).connect());
        Command publish = sharded ? Command.SPUBLISH : Command.PUBLISH;

        long[] latencies = new long[LATENCY_MESSAGES];
        for (int i = 0; i < LATENCY_MESSAGES; i++) {
            CompletableFuture<Long> arrived = new CompletableFuture<>();
            waiting.put((long) i, arrived);
            long sent = System.nanoTime();
            publisher.send(Request.cmd(publish).arg(channel).arg(i + "|" + PADDING));
            latencies[i] = arrived.get(10, TimeUnit.SECONDS) - sent;
        }
        Arrays.sort(latencies);

        received.set(0);
        all[0] = new CountDownLatch(THROUGHPUT_MESSAGES);
        long start = System.nanoTime();
        for (int from = 0; from < THROUGHPUT_MESSAGES; from += WINDOW) {
            List<CompletableFuture<Response>> window = new ArrayList<>(WINDOW);
            for (int i = from; i < Math.min(THROUGHPUT_MESSAGES, from + WINDOW); i++) {
                window.add(publisher.send(Request.cmd(publish).arg(channel).arg((LATENCY_MESSAGES + i) + "|" + PADDING))
                        .toCompletionStage().toCompletableFuture());
            }
            CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        boolean complete = all[0].await(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(true, complete, label + ": every message arrived (" + received.get() + ")");
        subscriber.close();
        publisher.close();
        return String.format("%s latency p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d sequential messages); "
                + "throughput %.0f msg/s (%d messages, %d in flight)", label, latencies[LATENCY_MESSAGES / 2] / 1e6,
                latencies[LATENCY_MESSAGES * 99 / 100] / 1e6, latencies[LATENCY_MESSAGES - 1] / 1e6, LATENCY_MESSAGES,
                THROUGHPUT_MESSAGES / seconds, THROUGHPUT_MESSAGES, WINDOW);
    }

    private static <T> T get(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

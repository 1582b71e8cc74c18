package com.retailintelligence.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady stream of people-counter batches from a few client threads, as sensors would send them, that remembers
 * every answer and every event id the service acknowledged (2xx), so a fault test can check that each of those is
 * stored exactly once whatever happened meanwhile. Connection errors count as status 0.
 */
public final class SteadyIngest implements AutoCloseable {

    /** One answer: when it came, its status (0: no answer), how long it took, and its Retry-After header. */
    public record Answer(Instant at, int status, long millis, String retryAfter, String body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI endpoint;
    private final String token;
    private final List<String> stores;
    private final String run;
    private final int batch;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());

    public SteadyIngest(URI base, String token, List<String> stores, String run, int batch) {
        this.endpoint = base.resolve("/api/v1/traffic/events");
        this.token = token;
        this.stores = stores;
        this.run = run;
        this.batch = batch;
    }

    /** Starts {@code clients} threads sending one batch after another. */
    public SteadyIngest start(int clients) {
        running.set(true);
        for (int t = 0; t < clients; t++) {
            int client = t;
            Thread thread = new Thread(() -> send(client), "steady-ingest-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void send(int client) {
        for (long sequence = 0; running.get(); sequence++) {
            String store = stores.get((int) (sequence % stores.size()));
            List<String> ids = new ArrayList<>(batch);
            StringBuilder body = new StringBuilder("[");
            String at = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
            for (int i = 0; i < batch; i++) {
                String id = run + "-" + client + "-" + sequence + "-" + i;
                ids.add(id);
                body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"storeId\":\"").append(store)
                        .append("\",\"sensorId\":\"door-").append(i % 3).append("\",\"timestamp\":\"").append(at)
                        .append("\",\"in\":").append(ThreadLocalRandom.current().nextInt(4))
                        .append(",\"out\":").append(ThreadLocalRandom.current().nextInt(3)).append('}');
            }
            body.append(']');
            long started = System.nanoTime();
            int status;
            String retryAfter = null;
            String answer = "";
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                answer = response.body();
            } catch (Exception e) {
                status = 0;
                answer = String.valueOf(e);
            }
            if (status >= 200 && status < 300) {
                ids.forEach(id -> acknowledged.add(store + "|" + id));
            }
            answers.add(new Answer(Instant.now(), status, (System.nanoTime() - started) / 1_000_000, retryAfter,
                    answer.length() > 300 ? answer.substring(0, 300) : answer));
            try {
                Thread.sleep(status == 200 ? 5 : 20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sending and waits for the answers in flight. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(15_000);
        }
    }

    /** {@code store|eventId} of every event the service acknowledged. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    public List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /** How many answers so far had this status. */
    public long count(int status) {
        return answers().stream().filter(a -> a.status() == status).count();
    }
}

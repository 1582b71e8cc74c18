package com.retailintelligence.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The packaged service as a process of the test's own — the native executable when the build made one
 * ({@code target/quarkus-artifact.properties} says {@code type=native}), else target/quarkus-app/quarkus-run.jar —
 * configured by environment variables as in production: started, stopped with SIGTERM or SIGKILL and started again
 * on the same port and log file (appended), so tests can look at what it logged. The shutdown delay is 0 unless a
 * test sets {@code RETAIL_SHUTDOWN_DELAY}, so stopping is quick.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    public ServiceProcess(Map<String, String> environment, String name) throws IOException {
        this.port = freePort();
        this.environment = new HashMap<>(environment);
        this.environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        this.environment.putIfAbsent("RETAIL_SHUTDOWN_DELAY", "0s");
        this.log = Path.of("target", name + "-" + port + ".log");
        Files.deleteIfExists(log);
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Starts the jar and waits (at most 90 s) until it is ready. */
    public ServiceProcess start() throws IOException {
        return launch().awaitReady();
    }

    /** Starts the jar without waiting (several instances can start side by side; then {@link #awaitReady}). */
    public ServiceProcess launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        return this;
    }

    /** Waits (at most 90 s) until the started jar is ready. */
    public ServiceProcess awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the service exited during start-up; see " + log);
                    }
                    return status("/q/health/ready") == 200;
                });
        return this;
    }

    /** The native executable when the last build made one, else the jar on this JVM. */
    /** The command that runs the packaged service (the jar, or the native executable when that was built). */
    public static List<String> command() throws IOException {
        Path artifact = Path.of("target", "quarkus-artifact.properties");
        String nativePath = System.getProperty("native.image.path");
        if (nativePath != null && Files.exists(artifact) && Files.readAllLines(artifact).contains("type=native")) {
            return List.of(Path.of(nativePath).toAbsolutePath().toString());
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", "target/quarkus-app/quarkus-run.jar");
    }

    /** SIGTERM, as Kubernetes stops a pod; returns at once (see {@link #awaitExit}). */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code, or -1 if it is still running after the wait. */
    public int awaitExit(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash or an OOM kill would do it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The status of a GET, or -1 when nothing answers. */
    public int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** How many lines the log has now, to look only at what comes after with {@link #errorLinesSince}. */
    public int logMark() throws IOException {
        return Files.readAllLines(log).size();
    }

    /** Every line the service logged at ERROR level after the mark (JSON or plain text logs). */
    public List<String> errorLinesSince(int mark) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.min(mark, lines.size()), lines.size()).stream()
                .filter(line -> line.contains(" ERROR ") || line.contains("\"level\":\"ERROR\"")).toList();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

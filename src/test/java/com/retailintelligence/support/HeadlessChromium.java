package com.retailintelligence.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket), enough to read what a page
 * shows: no driver binary, no browser download.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket devtools;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket devtools) {
        this.process = process;
        this.devtools = devtools;
        devtools.textMessageHandler(text -> {
            try {
                JsonNode message = JSON.readTree(text);
                CompletableFuture<JsonNode> call = calls.remove(message.path("id").asInt(-1));
                if (call != null) {
                    call.complete(message);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The Chromium binary, or null when it is not installed. */
    public static Path find() {
        for (String candidate : new String[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** Starts Chromium on the URL and attaches to its page. */
    public static HeadlessChromium open(Path binary, Path profile, Vertx vertx, String url) throws Exception {
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--remote-debugging-port=0", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(portFile) && Files.size(portFile) > 0);
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest targets = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build();
        String[] pageSocket = new String[1];
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode target : JSON.readTree(http.send(targets, HttpResponse.BodyHandlers.ofString()).body())) {
                if ("page".equals(target.path("type").asText())) {
                    pageSocket[0] = target.path("webSocketDebuggerUrl").asText();
                }
            }
            return pageSocket[0] != null;
        });
        URI socket = URI.create(pageSocket[0]);
        WebSocket devtools = vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setHost(socket.getHost())
                .setPort(socket.getPort()).setURI(socket.getPath())).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new HeadlessChromium(process, devtools);
    }

    /** The text of the element with this id, or null. */
    public String text(String elementId) throws Exception {
        JsonNode value = evaluate("(document.getElementById('" + elementId + "') || {}).textContent");
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** An attribute of the element with this id, or null. */
    public String attribute(String elementId, String name) throws Exception {
        JsonNode value = evaluate("(document.getElementById('" + elementId + "') || { getAttribute: () => null }).getAttribute('" + name + "')");
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** Whether the element with this id is not displayed. */
    public boolean isHidden(String elementId) throws Exception {
        return evaluate("getComputedStyle(document.getElementById('" + elementId + "')).display === 'none'").asBoolean();
    }

    private JsonNode evaluate(String expression) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.put(id, answer);
        devtools.writeTextMessage(JSON.createObjectNode().put("id", id).put("method", "Runtime.evaluate")
                .set("params", JSON.createObjectNode().put("expression", expression).put("returnByValue", true)).toString());
        return answer.get(10, TimeUnit.SECONDS).path("result").path("result").path("value");
    }

    @Override
    public void close() throws Exception {
        devtools.close();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

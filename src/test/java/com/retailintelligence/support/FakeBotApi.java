package com.retailintelligence.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A local fake of the Telegram Bot API server ({@code /bot<token>/<method>}) that records calls and fails on cue. */
public final class FakeBotApi implements AutoCloseable {

    public static final String TOKEN = "123456:TEST-token_fake";

    private static final long BOT_ID = 123456L;
    private static final String BOT_USERNAME = "RetailTestBot";
    private static final String BOT_FIRST_NAME = "Retail Test";
    private static final int MAX_TEXT = 4096;
    private static final int MAX_CAPTION = 1024;
    private static final Path UPLOADS = Path.of("target", "fake-bot-api-uploads").toAbsolutePath();

    /**
     * One request as the fake saw it, recorded when answered; {@code status} is what it answered (0 when it
     * dropped the connection; a slow answer counts as sent even if the client stopped waiting).
     */
    public record Call(String method, Instant at, JsonObject params, Map<String, FilePart> files, int status) {

        /** The {@code chat_id} parameter (a JSON number or a numeric string), or null when absent or not numeric. */
        public Long chatId() {
            return asLong(params.getValue("chat_id"));
        }

        /** A parameter as a string (JSON values as their text), or null. */
        public String param(String name) {
            Object value = params.getValue(name);
            return value == null ? null : String.valueOf(value);
        }

        public boolean ok() {
            return status == 200;
        }

        /** One line for assertion messages. */
        public String describe() {
            String fileNames = files.isEmpty() ? "" : " files=" + files.keySet();
            return method + " status=" + status + " params=" + params.encode() + fileNames;
        }
    }

    /** An uploaded multipart file part. */
    public record FilePart(String filename, String contentType, byte[] bytes) {
        @Override
        public String toString() {
            return "FilePart[" + filename + ", " + contentType + ", " + bytes.length + " bytes]";
        }
    }

    /** What to do instead of (or before) the normal answer. */
    public static final class Failure {
        private enum Kind { ANSWER, SLOW, DROP }

        private final Kind kind;
        private final int status;
        private final JsonObject body;
        private final Duration delay;

        private Failure(Kind kind, int status, JsonObject body, Duration delay) {
            this.kind = kind;
            this.status = status;
            this.body = body;
            this.delay = delay;
        }

        public static Failure tooManyRequests(int retryAfterSeconds) {
            JsonObject body = error(429, "Too Many Requests: retry after " + retryAfterSeconds)
                    .put("parameters", new JsonObject().put("retry_after", retryAfterSeconds));
            return new Failure(Kind.ANSWER, 429, body, null);
        }

        public static Failure serverError() {
            return new Failure(Kind.ANSWER, 500, error(500, "Internal Server Error"), null);
        }

        public static Failure blocked() {
            return new Failure(Kind.ANSWER, 403, error(403, "Forbidden: bot was blocked by the user"), null);
        }

        public static Failure badRequest(String description) {
            return new Failure(Kind.ANSWER, 400, error(400, "Bad Request: " + description), null);
        }

        /** Answers normally, but only after the delay. */
        public static Failure slow(Duration delay) {
            return new Failure(Kind.SLOW, 0, null, Objects.requireNonNull(delay));
        }

        /** Closes the connection without answering. */
        public static Failure dropConnection() {
            return new Failure(Kind.DROP, 0, null, null);
        }

        @Override
        public String toString() {
            return switch (kind) {
                case ANSWER -> "Failure[" + status + " " + body.getString("description") + "]";
                case SLOW -> "Failure[slow " + delay + "]";
                case DROP -> "Failure[drop connection]";
            };
        }
    }

    /** A scripted failure still waiting for its calls; chatId null = any chat. */
    private static final class Script {
        final String method;
        final Long chatId;
        final Failure failure;
        int remaining;

        Script(String method, Long chatId, int times, Failure failure) {
            this.method = method;
            this.chatId = chatId;
            this.remaining = times;
            this.failure = failure;
        }
    }

    private static volatile FakeBotApi shared;

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Script> scripts = new ArrayList<>(); // guarded by itself
    private final AtomicInteger messageIds = new AtomicInteger();
    private volatile String webhookUrl = "";
    private volatile int pendingUpdateCount;
    private volatile String lastErrorMessage;
    private volatile long lastErrorDate;
    private volatile boolean isShared;
    private Vertx vertx;
    private HttpServer server;

    /** A private instance; call {@link #start()} before use. */
    public FakeBotApi() {
    }

    /** The instance for the whole JVM, started on first use and stopped when the JVM exits. */
    public static FakeBotApi shared() {
        FakeBotApi instance = shared;
        if (instance == null) {
            synchronized (FakeBotApi.class) {
                instance = shared;
                if (instance == null) {
                    instance = new FakeBotApi();
                    instance.start();
                    instance.isShared = true;
                    FakeBotApi stopping = instance;
                    Runtime.getRuntime().addShutdownHook(new Thread(stopping::stop, "fake-bot-api-stop"));
                    shared = instance;
                }
            }
        }
        return instance;
    }

    /** Starts listening on 127.0.0.1 on a free port; returns this. */
    public synchronized FakeBotApi start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            Files.createDirectories(UPLOADS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(UPLOADS.toString())
                .setBodyLimit(60L * 1024 * 1024) // Telegram takes uploads up to 50 MB
                .setMergeFormAttributes(false)
                .setDeleteUploadedFilesOnEnd(true)); // safety net; uploads are deleted once read
        router.route().handler(this::handle);
        try {
            server = vertx.createHttpServer(new HttpServerOptions()
                            .setHost("127.0.0.1").setPort(0)
                            .setHttp2ClearTextEnabled(false)) // plain HTTP/1.1, so a dropped connection is a TCP close
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            vertx = null;
            throw new IllegalStateException("fake Bot API did not start", e);
        }
        return this;
    }

    /** Stops a private instance; ignored for {@link #shared()}, which lives as long as the JVM. */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private synchronized void stop() {
        if (vertx == null) {
            return;
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: nothing listens on the port any more either way
        } finally {
            vertx = null;
            server = null;
        }
    }

    /** {@code http://127.0.0.1:<port>}; the bot calls {@code url() + "/bot" + TOKEN + "/<method>"}. */
    public String url() {
        HttpServer current = server;
        if (current == null) {
            throw new IllegalStateException("not started");
        }
        return "http://127.0.0.1:" + current.actualPort();
    }

    public String botUsername() {
        return BOT_USERNAME;
    }

    // ---- scripting ------------------------------------------------------------------------------------------

    /** The next {@code times} calls of {@code method} (any chat) fail like this, in the order scripted. */
    public void failNext(String method, int times, Failure failure) {
        script(new Script(method, null, times, failure));
    }

    /** The next {@code times} calls of {@code method} for {@code chatId} fail like this, in the order scripted. */
    public void failNextForChat(String method, long chatId, int times, Failure failure) {
        script(new Script(method, chatId, times, failure));
    }

    private void script(Script script) {
        if (script.remaining <= 0) {
            throw new IllegalArgumentException("times must be positive");
        }
        Objects.requireNonNull(script.failure, "failure");
        synchronized (scripts) {
            scripts.add(script);
        }
    }

    /** The first scripted failure matching this call, consumed; null when none. */
    private Failure takeFailure(String method, Long chatId) {
        synchronized (scripts) {
            for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
                Script script = it.next();
                if (script.method.equalsIgnoreCase(method)
                        && (script.chatId == null || script.chatId.equals(chatId))) {
                    if (--script.remaining == 0) {
                        it.remove();
                    }
                    return script.failure;
                }
            }
            return null;
        }
    }

    public void setPendingUpdateCount(int count) {
        pendingUpdateCount = count;
    }

    /** Makes getWebhookInfo report this delivery error (dated now); null clears it. */
    public void setLastError(String message) {
        lastErrorDate = Instant.now().getEpochSecond();
        lastErrorMessage = message;
    }

    // ---- queries --------------------------------------------------------------------------------------------

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls of one method (method names are case-insensitive, as in Telegram). */
    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    public List<Call> callsForChat(String method, long chatId) {
        return callsForChat(method, chatId, false);
    }

    /** Calls of one method for one chat; with {@code okOnly} only those answered 200. */
    public List<Call> callsForChat(String method, long chatId, boolean okOnly) {
        return calls.stream()
                .filter(c -> c.method().equalsIgnoreCase(method))
                .filter(c -> Long.valueOf(chatId).equals(c.chatId()))
                .filter(c -> !okOnly || c.ok())
                .toList();
    }

    /** Forgets the recorded calls and the scripted failures still pending. */
    public void clear() {
        calls.clear();
        synchronized (scripts) {
            scripts.clear();
        }
    }

    /** {@link #clear()} and also forgets the webhook url, pending update count and last error. */
    public void reset() {
        clear();
        webhookUrl = "";
        pendingUpdateCount = 0;
        lastErrorMessage = null;
        lastErrorDate = 0;
    }

    /** Waits until at least {@code count} successful calls of {@code method} for the chat arrived; returns them. */
    public List<Call> awaitCalls(String method, long chatId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Call> ok = callsForChat(method, chatId, true);
            if (ok.size() >= count) {
                return ok;
            }
            if (System.nanoTime() - deadline > 0) {
                String seen = calls.stream().map(Call::describe).collect(Collectors.joining("\n  ", "\n  ", ""));
                throw new AssertionError("expected at least " + count + " successful " + method + " calls for chat "
                        + chatId + " within " + timeout + ", got " + ok.size() + "; all calls seen:"
                        + (calls.isEmpty() ? " none" : seen));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + method + " calls", e);
            }
        }
    }

    // ---- the server -----------------------------------------------------------------------------------------

    private void handle(RoutingContext ctx) {
        Instant at = Instant.now();
        String path = ctx.request().path();
        int slash = path.startsWith("/bot") ? path.indexOf('/', 4) : -1;
        if (slash < 0) {
            send(ctx, 404, error(404, "Not Found"));
            return;
        }
        String token = URLDecoder.decode(path.substring(4, slash), StandardCharsets.UTF_8);
        String method = path.substring(slash + 1);
        Map<String, FilePart> files = new LinkedHashMap<>();
        readUploads(ctx, files).onComplete(read -> {
            JsonObject params;
            try {
                params = params(ctx);
            } catch (DecodeException | ClassCastException e) {
                answer(ctx, new Call(method, at, new JsonObject(), files, 400),
                        error(400, "Bad Request: can't parse JSON object"));
                return;
            }
            Map<String, FilePart> parts = Collections.unmodifiableMap(files);
            if (!TOKEN.equals(token)) {
                answer(ctx, new Call(method, at, params, parts, 401), error(401, "Unauthorized"));
                return;
            }
            Failure failure = takeFailure(method, asLong(params.getValue("chat_id")));
            if (failure == null) {
                answerNormally(ctx, method, at, params, parts);
                return;
            }
            switch (failure.kind) {
                case ANSWER -> answer(ctx, new Call(method, at, params, parts, failure.status), failure.body.copy());
                case SLOW -> vertx.setTimer(Math.max(1, failure.delay.toMillis()),
                        id -> answerNormally(ctx, method, at, params, parts));
                case DROP -> {
                    calls.add(new Call(method, at, params, parts, 0));
                    ctx.request().connection().close();
                }
            }
        });
    }

    /** Reads every uploaded file into memory and deletes its temporary file. */
    private Future<?> readUploads(RoutingContext ctx, Map<String, FilePart> into) {
        List<Future<?>> reads = new ArrayList<>();
        for (FileUpload upload : ctx.fileUploads()) {
            String temp = upload.uploadedFileName();
            reads.add(vertx.fileSystem().readFile(temp)
                    .map(bytes -> into.put(upload.name(),
                            new FilePart(upload.fileName(), upload.contentType(), bytes.getBytes())))
                    .transform(result -> vertx.fileSystem().delete(temp).transform(deleted -> Future.succeededFuture())));
        }
        return Future.all(reads);
    }

    /** Query string, then form attributes, then a JSON body; later sources win. */
    private static JsonObject params(RoutingContext ctx) {
        JsonObject params = new JsonObject();
        putFirstValues(params, ctx.queryParams());
        putFirstValues(params, ctx.request().formAttributes());
        String contentType = Objects.requireNonNullElse(ctx.request().getHeader("Content-Type"), "");
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json")
                && ctx.body().length() > 0) {
            params.mergeIn(new JsonObject(ctx.body().buffer()));
        }
        return params;
    }

    private static void putFirstValues(JsonObject into, MultiMap values) {
        for (String name : values.names()) {
            into.put(name, values.get(name));
        }
    }

    private void answerNormally(RoutingContext ctx, String method, Instant at, JsonObject params,
                                Map<String, FilePart> files) {
        Object result;
        String description = null;
        JsonObject refusal = null;
        switch (method.toLowerCase(Locale.ROOT)) {
            case "sendmessage" -> {
                refusal = requireChat(params);
                String text = text(params, "text");
                if (refusal == null && (text == null || text.isBlank())) {
                    refusal = error(400, "Bad Request: message text is empty");
                } else if (refusal == null && text.length() > MAX_TEXT) {
                    refusal = error(400, "Bad Request: message is too long");
                }
                result = refusal != null ? null
                        : message(params.getValue("chat_id"), messageIds.incrementAndGet()).put("text", text);
            }
            case "sendphoto" -> {
                refusal = requireChat(params);
                FilePart upload = photoUpload(params, files);
                String caption = text(params, "caption");
                if (refusal == null && upload == null && text(params, "photo") == null) {
                    refusal = error(400, "Bad Request: there is no photo in the request");
                } else if (refusal == null && caption != null && caption.length() > MAX_CAPTION) {
                    refusal = error(400, "Bad Request: message caption is too long");
                }
                result = null;
                if (refusal == null) {
                    int id = messageIds.incrementAndGet();
                    JsonObject size = new JsonObject()
                            .put("file_id", "p" + id).put("file_unique_id", "u" + id)
                            .put("width", 1200).put("height", 800);
                    if (upload != null) {
                        size.put("file_size", upload.bytes().length);
                    }
                    JsonObject message = message(params.getValue("chat_id"), id).put("photo", new JsonArray().add(size));
                    if (caption != null) {
                        message.put("caption", caption);
                    }
                    result = message;
                }
            }
            case "editmessagetext" -> {
                String text = text(params, "text");
                boolean inline = params.getValue("inline_message_id") != null;
                refusal = inline ? null : requireChat(params);
                if (refusal == null && (text == null || text.isBlank())) {
                    refusal = error(400, "Bad Request: message text is empty");
                } else if (refusal == null && text.length() > MAX_TEXT) {
                    refusal = error(400, "Bad Request: message is too long");
                }
                if (refusal != null) {
                    result = null;
                } else if (inline) {
                    result = true; // editing an inline message answers true, as in Telegram
                } else {
                    Long given = asLong(params.getValue("message_id"));
                    int id = given != null ? given.intValue() : messageIds.incrementAndGet();
                    result = message(params.getValue("chat_id"), id)
                            .put("edit_date", Instant.now().getEpochSecond())
                            .put("text", text);
                }
            }
            case "answercallbackquery", "setmycommands" -> result = true;
            case "setwebhook" -> {
                String url = Objects.requireNonNullElse(text(params, "url"), "");
                webhookUrl = url;
                result = true;
                description = url.isEmpty() ? "Webhook was deleted" : "Webhook was set";
            }
            case "deletewebhook" -> {
                description = webhookUrl.isEmpty() ? "Webhook is already deleted" : "Webhook was deleted";
                webhookUrl = "";
                result = true;
            }
            case "getme" -> result = botUser();
            case "getwebhookinfo" -> {
                JsonObject info = new JsonObject()
                        .put("url", webhookUrl)
                        .put("has_custom_certificate", false)
                        .put("pending_update_count", pendingUpdateCount);
                String lastError = lastErrorMessage;
                if (lastError != null) {
                    info.put("last_error_date", lastErrorDate).put("last_error_message", lastError);
                }
                result = info;
            }
            default -> {
                refusal = error(404, "Not Found: method not found");
                result = null;
            }
        }
        if (refusal != null) {
            answer(ctx, new Call(method, at, params, files, refusal.getInteger("error_code")), refusal);
            return;
        }
        JsonObject body = new JsonObject().put("ok", true).put("result", result);
        if (description != null) {
            body.put("description", description);
        }
        answer(ctx, new Call(method, at, params, files, 200), body);
    }

    /** Records the call first (so it is visible once the client has its answer), then answers. */
    private void answer(RoutingContext ctx, Call call, JsonObject body) {
        calls.add(call);
        send(ctx, call.status(), body);
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().closed() || ctx.response().ended()) {
            return; // the client gave up (e.g. timed out on a slow answer)
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    // ---- Telegram objects -----------------------------------------------------------------------------------

    private static JsonObject requireChat(JsonObject params) {
        Object chatId = params.getValue("chat_id");
        return chatId == null || String.valueOf(chatId).isBlank()
                ? error(400, "Bad Request: chat_id is empty") : null;
    }

    /** The photo upload: a part named "photo", or the part an "attach://name" value points at. */
    private static FilePart photoUpload(JsonObject params, Map<String, FilePart> files) {
        String photo = text(params, "photo");
        if (photo != null && photo.startsWith("attach://")) {
            return files.get(photo.substring("attach://".length()));
        }
        return files.get("photo");
    }

    private static JsonObject message(Object chatIdParam, int messageId) {
        Long numeric = asLong(chatIdParam);
        Object chatId = numeric != null ? numeric : String.valueOf(chatIdParam);
        String type = numeric == null ? "channel" : numeric < 0 ? "supergroup" : "private";
        return new JsonObject()
                .put("message_id", messageId)
                .put("from", botUser())
                .put("chat", new JsonObject().put("id", chatId).put("type", type))
                .put("date", Instant.now().getEpochSecond());
    }

    private static JsonObject botUser() {
        return new JsonObject()
                .put("id", BOT_ID)
                .put("is_bot", true)
                .put("first_name", BOT_FIRST_NAME)
                .put("username", BOT_USERNAME);
    }

    private static JsonObject error(int code, String description) {
        return new JsonObject().put("ok", false).put("error_code", code).put("description", description);
    }

    private static String text(JsonObject params, String name) {
        Object value = params.getValue(name);
        return value == null ? null : String.valueOf(value);
    }

    /** A chat id as sent: JSON numbers (64-bit) or numeric strings; anything else (e.g. "@channel") is null. */
    private static Long asLong(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}

package com.retailintelligence.http;

import static com.retailintelligence.problem.TransientFailures.Kind.OVERLOADED;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;


import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The first look at every request, before security and Quarkus REST, so that what a client got wrong is answered
 * with problem+json and never reaches the database: a request target or headers over the limits (414, 431), a
 * path or query that is not percent-encoded UTF-8 text PostgreSQL can store (400), a body declared or found to be
 * over the limit (413; chunked bodies are read here, counted, and handed to Quarkus REST whole), and a body that
 * does not arrive in time (408, connection closed).
 */
@Singleton
public class RequestGuard {

    /** After the request id filter (order -2000), before the security filters and Quarkus' own limit (-2). */
    static final int ORDER = -1900;
    /** Routing context key of a chunked body read here ({@code byte[]}), for {@link BufferedBodyFilter}. */
    static final String BODY = "retail.buffered-body";

    private final HttpConfig config;
    private final EdgeProblems problems;
    private final Vertx vertx;
    /** The one upload path; its body is a multipart form Quarkus REST writes to disk as it arrives. */
    static final String UPLOAD_PATH = "/api/v1/imports";

    private final long maxBody;
    private final long maxBuffered;
    private final AtomicLong buffered = new AtomicLong();

    public RequestGuard(HttpConfig config, EdgeProblems problems, Vertx vertx) {
        this.config = config;
        this.problems = problems;
        this.vertx = vertx;
        this.maxBody = config.maxBodySize().asLongValue();
        this.maxBuffered = config.maxBufferedChunked().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String target = request.uri();
        if (target.length() > config.maxUriLength()) {
            problems.send(context, 414, "The request target is longer than " + config.maxUriLength() + " characters.", false);
            return;
        }
        if (headerBytes(request) > config.maxHeaderBytes()) {
            problems.send(context, 431, "The request headers are larger than " + config.maxHeaderBytes() + " bytes.", false);
            return;
        }
        String bad = RequestTarget.problemIn(target);
        if (bad != null) {
            problems.send(context, 400, "The request path or query contains " + bad
                    + "; it must be percent-encoded UTF-8 without NUL characters.", false);
            return;
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean upload = isUpload(request);
        long limit = upload ? config.maxUploadSize().asLongValue() : maxBody;
        if (declared != null && exceeds(declared, limit)) {
            problems.send(context, 413, tooLarge(limit), true);
            return;
        }
        boolean hasBody = isChunked(request) || declared != null && !declared.trim().equals("0");
        if (hasBody && request.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
            // Without a type a body would be read as JSON by guess; a client should say what it sends.
            problems.send(context, 415, "The request has a body but no Content-Type; send application/json.", true);
            return;
        }
        if (request.isEnded()) {
            context.next();
        } else if (upload) {
            // Streamed to disk by Quarkus REST's multipart handling, bounded by quarkus.http.limits.max-body-size.
            closeIfBodyIsLate(context, config.uploadTimeout());
            context.next();
        } else if (declared == null && isChunked(request)) {
            readChunkedBody(context);
        } else {
            closeIfBodyIsLate(context, config.bodyTimeout());
            context.next();
        }
    }

    /** A body declared by Content-Length arrives in Quarkus REST; this only watches that it arrives in time. */
    private void closeIfBodyIsLate(RoutingContext context, java.time.Duration timeout) {
        HttpServerRequest request = context.request();
        long timer = vertx.setTimer(timeout.toMillis(), id -> {
            if (!request.isEnded()) {
                problems.send(context, 408, lateBody(timeout), true);
            }
        });
        context.addEndHandler(ignored -> vertx.cancelTimer(timer));
    }

    /**
     * Reads a chunked body whole, refusing it as soon as it passes the limit (or the replica's budget for such
     * bodies), then lets the request go on. The bytes count against the budget until the answer has gone.
     */
    private void readChunkedBody(RoutingContext context) {
        HttpServerRequest request = context.request();
        ChunkedBody read = new ChunkedBody(context);
        context.addEndHandler(ignored -> buffered.addAndGet(-read.held));
        request.handler(read::append);
        // Broken chunked framing: say so before the connection goes (Vert.x closes it).
        request.exceptionHandler(failure -> read.refuse(() -> problems.send(context, 400,
                "The request body's chunked encoding is broken.", true)));
        request.endHandler(ignored -> read.end());
    }

    /** One chunked body being read: what has arrived, what of it counts against the budget, whether it was refused. */
    private final class ChunkedBody {

        private final RoutingContext context;
        private final Buffer body = Buffer.buffer();
        private final long timer;
        private long held;
        private boolean refused;

        ChunkedBody(RoutingContext context) {
            this.context = context;
            this.timer = vertx.setTimer(config.bodyTimeout().toMillis(), id -> {
                if (!context.request().isEnded()) {
                    refuse(() -> problems.send(context, 408, lateBody(config.bodyTimeout()), true));
                }
            });
        }

        void append(Buffer chunk) {
            if (refused) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBody) {
                refuse(() -> problems.send(context, 413, tooLarge(maxBody), true));
                return;
            }
            if (buffered.addAndGet(chunk.length()) > maxBuffered) {
                buffered.addAndGet(-chunk.length());
                refuse(() -> problems.sendUnavailable(context, OVERLOADED, null, true));
                return;
            }
            held += chunk.length();
            body.appendBuffer(chunk);
        }

        void end() {
            vertx.cancelTimer(timer);
            if (!refused) {
                context.put(BODY, body.getBytes());
                context.next();
            }
        }

        /** Answers once and stops reading: a later chunk, failure or timeout does nothing more. */
        void refuse(Runnable answer) {
            if (refused) {
                return;
            }
            refused = true;
            vertx.cancelTimer(timer);
            answer.run();
        }
    }

    private static String tooLarge(long limit) {
        return "The request body is larger than the limit of " + limit + " bytes.";
    }

    private static String lateBody(java.time.Duration timeout) {
        return "The request body did not arrive within " + timeout.toSeconds() + " s.";
    }

    /** POST /api/v1/imports: an upload, with its own size limit and time to arrive. */
    private static boolean isUpload(HttpServerRequest request) {
        return request.method() == io.vertx.core.http.HttpMethod.POST && UPLOAD_PATH.equals(request.path());
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Netty refuses a malformed Content-Length itself
        }
    }

    private static boolean isChunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private static int headerBytes(HttpServerRequest request) {
        int bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }
}

package com.retailintelligence.telegram;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.problem.TransientFailures;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Sends what waits in the outbox: the head of each chat, once the shared limits allow; 429 waits Telegram's
 * {@code retry_after}, network errors and 5xx back off and retry, 400 gives up (logged with its reason), 403 marks
 * the chat inactive. Runs when a message is queued, when a deferred one falls due, and on a sweep.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final int BATCH = 50;
    private static final long MAX_BACKOFF_MILLIS = 5 * 60_000;

    private final Outbox outbox;
    private final SendLimiter limiter;
    private final BotApiClient api;
    private final ChatRepository chats;
    private final TelegramConfig config;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile long timerId = -1;

    public OutboxDispatcher(Outbox outbox, SendLimiter limiter, BotApiClient api, ChatRepository chats, TelegramConfig config,
            Vertx vertx, MeterRegistry registry) {
        this.outbox = outbox;
        this.limiter = limiter;
        this.api = api;
        this.chats = chats;
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
    }

    /** Runs a pass now (or right after the one running). */
    public void trigger() {
        if (!config.enabled()) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            pass().subscribe().with(this::finished, failure -> {
                TransientFailures.reportOrError(failure, "The Telegram outbox pass");
                finished(-1L);
            });
        }
    }

    @Scheduled(every = "${telegram.sweep-interval:2s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        trigger();
    }

    private void finished(Long soonestWait) {
        running.set(false);
        if (again.getAndSet(false)) {
            trigger();
        } else if (soonestWait != null && soonestWait >= 0) {
            // A little after the row falls due by PostgreSQL's clock (the wait was measured by Redis').
            schedule(soonestWait + 25);
        }
    }

    private void schedule(long delayMillis) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        timerId = vertx.setTimer(delayMillis, id -> {
            timerId = -1;
            trigger();
        });
    }

    /** One pass: claims due heads, sends each chat's head; yields the soonest wait of a deferred message (-1: none). */
    Uni<Long> pass() {
        return outbox.claim(BATCH).chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(-1L)
                : Multi.createFrom().iterable(claimed).onItem().transformToUniAndMerge(this::send).collect().asList()
                        .map(waits -> {
                            long soonest = waits.stream().filter(w -> w >= 0).mapToLong(Long::longValue).min().orElse(-1);
                            // A full batch may have left heads behind: go again at once.
                            return claimed.size() == BATCH ? 0L : soonest;
                        }));
    }

    /** Sends one row; yields the milliseconds until it is due again when deferred, else 0 (sent or given up: the chat's next may go). */
    private Uni<Long> send(Outbox.Pending message) {
        Uni<Long> wait = message.limited() ? limiter.acquire(message.chatId(), message.id() + ":" + message.attempts())
                : Uni.createFrom().item(0L);
        return wait.chain(millis -> {
            if (millis > 0) {
                count(message.method(), "throttled");
                return outbox.later(message.id(), millis, false, null).replaceWith(millis);
            }
            Uni<BotApiResult> call = message.photo() != null ? api.sendPhoto(message.params(), message.photo())
                    : api.call(message.method(), message.params());
            return call.chain(result -> outcome(message, result));
        });
    }

    private Uni<Long> outcome(Outbox.Pending message, BotApiResult result) {
        if (result.ok()) {
            count(message.method(), "sent");
            return outbox.sent(message.id()).replaceWith(0L);
        }
        String reason = result.status() + " " + result.description();
        if (result.status() == 429) {
            long millis = Math.max(1, result.retryAfterSeconds() == null ? 1 : result.retryAfterSeconds()) * 1000L;
            count(message.method(), "retried");
            Log.infof("Telegram asked to wait %d ms before the next %s to chat %d", millis, message.method(), message.chatId());
            return outbox.later(message.id(), millis, true, reason).replaceWith(millis);
        }
        if (result.retryable()) {
            long millis = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(message.attempts(), 12));
            count(message.method(), "retried");
            Log.warnf("Telegram %s to chat %d failed (%s); retrying in %d ms", message.method(), message.chatId(), reason, millis);
            return outbox.later(message.id(), millis, true, reason).replaceWith(millis);
        }
        count(message.method(), "failed");
        if (result.status() == 403) {
            Log.infof("Telegram chat %d refused the bot (%s): marked inactive, its waiting messages dropped", message.chatId(), reason);
            return outbox.failed(message.id(), reason).chain(() -> chats.markInactive(message.chatId()))
                    .chain(() -> outbox.dropChat(message.chatId(), "chat inactive: " + reason)).replaceWith(0L);
        }
        Log.warnf("Telegram refused %s to chat %d for good: %s", message.method(), message.chatId(), reason);
        return outbox.failed(message.id(), reason).replaceWith(0L);
    }

    private void count(String method, String outcome) {
        Counter.builder("telegram.calls").description("Bot API calls of the outbox by method and outcome (sent, retried, throttled, failed)")
                .tag("method", method).tag("outcome", outcome).register(registry).increment();
    }
}

package com.retailintelligence.telegram;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.problem.TransientFailures;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Processes stored updates after the webhook has answered: per chat in update_id order, each once, across replicas
 * (an advisory lock per chat, the update's row marked processed in the transaction that queued its answers). Runs
 * when an update arrives and on a sweep, which also picks up what a replica that died left behind.
 */
@ApplicationScoped
public class UpdateProcessor {

    private static final int LOCK_RETRIES = 4;

    private final Pool pool;
    private final UpdateStore updates;
    private final BotConversation conversation;
    private final Outbox outbox;
    private final OutboxDispatcher dispatcher;
    private final TelegramConfig config;

    public UpdateProcessor(Pool pool, UpdateStore updates, BotConversation conversation, Outbox outbox, OutboxDispatcher dispatcher,
            TelegramConfig config) {
        this.pool = pool;
        this.updates = updates;
        this.conversation = conversation;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    /** Processes the chat's waiting updates soon, without waiting for it. */
    public void trigger(long chatId) {
        processChat(chatId, 0).subscribe().with(ignored -> {
        }, UpdateProcessor::report);
    }

    @Scheduled(every = "${telegram.sweep-interval:2s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return updates.chatsWithPending(100)
                .chain(chats -> Multi.createFrom().iterable(chats).onItem().transformToUniAndConcatenate(chat -> processChat(chat, LOCK_RETRIES))
                        .collect().last().replaceWithVoid())
                .onFailure().recoverWithUni(failure -> {
                    report(failure);
                    return Uni.createFrom().voidItem();
                });
    }

    /** Processes the chat's updates one by one until none is left; when another replica holds the chat, tries again shortly. */
    Uni<Void> processChat(long chatId, int attempt) {
        return processNext(chatId).chain(outcome -> switch (outcome) {
            case PROCESSED -> processChat(chatId, 0);
            case NONE_LEFT -> Uni.createFrom().voidItem();
            case BUSY -> attempt >= LOCK_RETRIES ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(java.time.Duration.ofMillis(250)).chain(() -> processChat(chatId, attempt + 1));
        });
    }

    private enum Outcome { PROCESSED, NONE_LEFT, BUSY }

    private Uni<Outcome> processNext(long chatId) {
        return pool.withTransaction(tx -> updates.lockChat(tx, chatId).chain(locked -> {
            if (!locked) {
                return Uni.createFrom().item(Outcome.BUSY);
            }
            return updates.next(tx, chatId).chain(payload -> {
                if (payload == null) {
                    return Uni.createFrom().item(Outcome.NONE_LEFT);
                }
                IncomingUpdate update = IncomingUpdate.of(payload);
                return answer(tx, update, payload)
                        .chain(messages -> outbox.enqueue(tx, messages))
                        .chain(() -> updates.markProcessed(tx, update.updateId()))
                        .replaceWith(Outcome.PROCESSED);
            });
        })).invoke(outcome -> {
            if (outcome == Outcome.PROCESSED) {
                dispatcher.trigger();
            }
        });
    }

    /**
     * The update's answers. A failure of ours (not PostgreSQL or Redis being away, which rolls back and retries) still
     * answers: an apology in the chat, an answered button, and the update counts as processed (it would fail again).
     */
    private Uni<List<Outgoing>> answer(io.vertx.mutiny.sqlclient.SqlConnection tx, IncomingUpdate update, JsonObject payload) {
        return conversation.handle(tx, update).onFailure(failure -> TransientFailures.classify(failure) == null)
                .recoverWithItem(failure -> {
                    Log.errorf(failure, "Could not answer Telegram update %d", update.updateId());
                    if (update.kind() == IncomingUpdate.Kind.CALLBACK) {
                        return List.of(Outgoing.callbackAnswer(update.chatId(), update.callbackId(), BotTexts.TRY_AGAIN));
                    }
                    return update.chatId() == 0 ? List.of() : Outgoing.html(update.chatId(), BotTexts.TRY_AGAIN);
                });
    }

    private static void report(Throwable failure) {
        TransientFailures.reportOrError(failure, "Processing Telegram updates");
    }

}

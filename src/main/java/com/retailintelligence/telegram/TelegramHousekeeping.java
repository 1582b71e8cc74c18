package com.retailintelligence.telegram;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.problem.TransientFailures;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the bot's tables from growing without end: processed updates after 3 days (Telegram re-sends for 24 h),
 * sent or failed outbox rows after 7, link codes a day after they expired. Each delete is idempotent, so replicas
 * running it at once do no harm.
 */
@ApplicationScoped
public class TelegramHousekeeping {

    private final UpdateStore updates;
    private final Outbox outbox;
    private final ChatRepository chats;
    private final TelegramConfig config;

    public TelegramHousekeeping(UpdateStore updates, Outbox outbox, ChatRepository chats, TelegramConfig config) {
        this.updates = updates;
        this.outbox = outbox;
        this.chats = chats;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return updates.prune().chain(ignored -> outbox.prune()).chain(ignored -> chats.pruneCodes()).replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    TransientFailures.reportOrError(failure, "Pruning the Telegram tables");
                    return Uni.createFrom().voidItem();
                });
    }
}

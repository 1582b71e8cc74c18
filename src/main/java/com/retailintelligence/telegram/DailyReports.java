package com.retailintelligence.telegram;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.auth.UserRepository;
import com.retailintelligence.db.ScopedSql;
import com.retailintelligence.problem.TransientFailures;
import com.retailintelligence.store.StoreService;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Sends each daily subscription once a day at its store-local time, however many replicas run: the subscription is
 * claimed for the day (last_sent_on) in the transaction that queues the report. Before noon the report shows the day
 * before, from noon the day so far. The user's roles and stores are checked again at sending.
 */
@ApplicationScoped
public class DailyReports {

    private final Pool pool;
    private final ScopedSql sql;
    private final ChatStoreSettings settings;
    private final UserRepository users;
    private final StoreService stores;
    private final BotConversation conversation;
    private final Outbox outbox;
    private final OutboxDispatcher dispatcher;
    private final TelegramConfig config;

    public DailyReports(Pool pool, ScopedSql sql, ChatStoreSettings settings, UserRepository users, StoreService stores,
            BotConversation conversation, Outbox outbox, OutboxDispatcher dispatcher, TelegramConfig config) {
        this.pool = pool;
        this.sql = sql;
        this.settings = settings;
        this.users = users;
        this.stores = stores;
        this.conversation = conversation;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    @Scheduled(every = "${telegram.subscriptions-interval:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sendDue() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return sql.system(tx -> settings.due(tx))
                .chain(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(this::send).collect().last())
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    TransientFailures.reportOrError(failure, "Sending daily Telegram reports");
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> send(ChatStoreSettings.DueSubscription due) {
        return pool.withTransaction(tx -> sql.applyScope(tx, StoreScope.ALL).chain(() -> settings.claim(tx, due)).chain(claimed -> {
            if (!claimed) {
                return Uni.createFrom().voidItem();
            }
            return users.findByUsername(tx, due.username()).chain(user -> {
                if (!BotConversation.seesFigures(user)) {
                    return Uni.createFrom().voidItem();
                }
                StoreScope scope = BotConversation.scopeOf(user);
                return stores.find(scope, due.storeId()).chain(store -> {
                    if (store == null) {
                        return Uni.createFrom().voidItem();
                    }
                    LocalDate day = LocalTime.now(ZoneId.of(store.timezone())).isBefore(LocalTime.NOON) ? due.localDay().minusDays(1) : due.localDay();
                    return conversation.reportPhoto(scope, store, day, due.chatId(), new PeopleFormat(null))
                            .chain(messages -> outbox.enqueue(tx, messages));
                });
            });
        })).invoke(dispatcher::trigger);
    }
}

package com.retailintelligence.telegram;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Telegram's view of the webhook (getWebhookInfo: updates waiting, the last delivery error) and the outbox backlog,
 * polled every 30 s: as data of a readiness check that stays UP (Telegram being away must not take replicas out of
 * service) and as gauges.
 */
@Readiness
@ApplicationScoped
public class WebhookStatus implements AsyncHealthCheck {

    private final BotApiClient api;
    private final Outbox outbox;
    private final TelegramConfig config;
    private final AtomicLong pending = new AtomicLong(-1);
    private final AtomicLong waiting = new AtomicLong(-1);
    private volatile String lastError;
    private volatile String checkError;

    public WebhookStatus(BotApiClient api, Outbox outbox, TelegramConfig config, MeterRegistry registry) {
        this.api = api;
        this.outbox = outbox;
        this.config = config;
        Gauge.builder("telegram.webhook.pending.updates", pending, AtomicLong::get)
                .description("Updates Telegram holds for the webhook (getWebhookInfo.pending_update_count; -1 unknown)").register(registry);
        Gauge.builder("telegram.webhook.last.error", this, status -> status.lastError == null ? 0 : 1)
                .description("1 when Telegram reports a last delivery error for the webhook").register(registry);
        Gauge.builder("telegram.outbox.waiting", waiting, AtomicLong::get).description("Messages waiting in the outbox (-1 unknown)")
                .register(registry);
    }

    @Scheduled(every = "30s", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> info = api.call("getWebhookInfo", new JsonObject()).invoke(result -> {
            JsonObject body = result.resultObject();
            if (body != null) {
                pending.set(body.getLong("pending_update_count", 0L));
                lastError = body.getString("last_error_message");
                checkError = null;
            } else {
                checkError = result.status() + " " + result.description();
            }
        }).replaceWithVoid();
        Uni<Void> backlog = outbox.waiting().invoke(waiting::set).replaceWithVoid().onFailure().recoverWithNull();
        return Uni.combine().all().unis(info, backlog).discardItems();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("telegram").up().withData("enabled", config.enabled());
        if (config.enabled()) {
            response.withData("pendingUpdateCount", pending.get()).withData("outboxWaiting", waiting.get());
            if (lastError != null) {
                response.withData("lastErrorMessage", lastError);
            }
            if (checkError != null) {
                response.withData("getWebhookInfoError", checkError);
            }
        }
        return Uni.createFrom().item(response.build());
    }
}

package com.retailintelligence.live;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.Bucket;
import com.retailintelligence.aggregate.DayAggregateReader;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.problem.TransientFailures;
import com.retailintelligence.store.Store;
import com.retailintelligence.store.StoreListCache;
import com.retailintelligence.validation.Money;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * Opens and closes live feed connections for the WebSocket endpoints: reads the {@code storeId} filter,
 * sends a snapshot of each store's day first, registers the connection with the hub, and closes it with
 * 1008 when its token expires.
 */
@ApplicationScoped
public class LiveFeeds {

    static final int POLICY_VIOLATION = 1008;

    private final LiveFeedHub hub;
    private final StoreListCache stores;
    private final DayAggregateReader aggregates;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final LiveConfig config;
    private final long clockSkewSeconds;
    private final java.util.Map<String, Long> expiryTimers = new java.util.concurrent.ConcurrentHashMap<>();

    public LiveFeeds(LiveFeedHub hub, StoreListCache stores, DayAggregateReader aggregates, ObjectMapper mapper, Vertx vertx,
            LiveConfig config, @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long clockSkewSeconds) {
        this.clockSkewSeconds = clockSkewSeconds;
        this.hub = hub;
        this.stores = stores;
        this.aggregates = aggregates;
        this.mapper = mapper;
        this.vertx = vertx;
        this.config = config;
    }

    /** Opens a feed; called on the connection's event loop (the endpoints' {@code @OnOpen} returns a Uni). */
    public Uni<Void> open(WebSocketConnection connection, SecurityIdentity identity, Feed feed) {
        Context context = io.vertx.core.Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            throw new IllegalStateException("A live feed must be opened on its connection's event loop");
        }
        Set<String> filter = storeIds(connection.handshakeRequest().query());
        StoreScope scope = StoreScope.of(identity);
        LiveSubscriber subscriber = new LiveSubscriber(connection, context, identity.getPrincipal().getName(), feed,
                scope, filter, config.maxPending());
        hub.add(subscriber); // events arriving from now on queue behind the snapshot
        closeWhenTokenExpires(identity, subscriber);
        // The cached list of every store (one read for a storm of reconnecting screens), filtered here by scope.
        Uni<List<Store>> wanted = stores.all().map(all -> all.stream()
                .filter(store -> scope.allows(store.id()) && (filter.isEmpty() || filter.contains(store.id())))
                .toList());
        return wanted.chain(this::snapshots).invoke(snapshot -> subscriber.start(snapshot.stream().map(LiveFrame::of).toArray(LiveFrame[]::new)))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    // No snapshot, no feed: the client is told to come back (1013) rather than left with a partial day.
                    TransientFailures.Kind kind = TransientFailures.classify(failure);
                    if (kind != null) {
                        TransientFailures.report(kind, failure);
                    } else {
                        Log.errorf(failure, "Could not open a %s feed for %s", feed, identity.getPrincipal().getName());
                    }
                    subscriber.close(LiveSubscriber.TRY_AGAIN_LATER, "service unavailable, try again later");
                    return null;
                });
    }

    public void close(WebSocketConnection connection) {
        hub.remove(connection.id());
        Long timer = expiryTimers.remove(connection.id());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * Closes with 1008 when the token expires — at the moment REST stops accepting it (its exp plus the verifier's
     * clock skew) — or when the API key does, if it has an expiry (keys have no skew on either interface).
     */
    private void closeWhenTokenExpires(SecurityIdentity identity, LiveSubscriber subscriber) {
        long expiresAt = identity.getPrincipal() instanceof JsonWebToken token ? token.getExpirationTime() + clockSkewSeconds
                : identity.getAttribute(StoreScope.EXPIRES_AT) instanceof Long seconds ? seconds : 0;
        if (expiresAt > 0) {
            long delay = Math.max(1, expiresAt * 1000 - System.currentTimeMillis());
            // Cancelled when the connection closes first: a key valid for a year must not keep a timer per reconnect.
            expiryTimers.put(subscriber.id(), vertx.setTimer(delay, id -> {
                expiryTimers.remove(subscriber.id());
                subscriber.close(POLICY_VIOLATION, "token expired");
            }));
        }
    }

    private Uni<List<String>> snapshots(List<Store> list) {
        List<Uni<String>> parts = new ArrayList<>();
        for (Store store : list) {
            LocalDate today = LocalDate.now(ZoneId.of(store.timezone()));
            parts.add(aggregates.read(store.id(), today, Bucket.HOUR, List.of()).map(day -> {
                long visitors = day.total(Metrics.VISITORS);
                long transactions = day.total(Metrics.TRANSACTIONS);
                long revenue = day.total(Metrics.GROSS) - day.total(Metrics.REFUNDS);
                var json = mapper.createObjectNode().put("type", "snapshot").put("storeId", store.id())
                        .put("name", store.name()).put("timezone", store.timezone()).put("date", today.toString())
                        .put("visitorsToday", visitors)
                        .put("occupancy", Math.max(0, visitors - day.total(Metrics.EXITS)))
                        .put("transactionsToday", transactions)
                        .put("revenueToday", Money.format(revenue, store.currency())).put("currency", store.currency())
                        .put("conversionRate", visitors == 0 ? 0.0 : (double) transactions / visitors);
                if (store.capacity() != null) {
                    json.put("capacity", store.capacity());
                }
                return json.toString();
            }));
        }
        return parts.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(parts).andFailFast();
    }

    /** The repeated {@code storeId} query parameters of the upgrade request. */
    static Set<String> storeIds(String query) {
        Set<String> ids = new LinkedHashSet<>();
        if (query == null || query.isEmpty()) {
            return ids;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "storeId".equals(pair.substring(0, eq))) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!value.isBlank()) {
                    ids.add(value);
                }
            }
        }
        return ids;
    }
}

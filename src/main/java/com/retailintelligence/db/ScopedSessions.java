package com.retailintelligence.db;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.retailintelligence.access.StoreScope;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * {@link ScopedSql} for Hibernate Reactive: a session in one transaction whose first statement puts it under the
 * store scope ({@code set_config('retail.store_scope', …, true)}, local to the transaction), so row-level security
 * is the second lock on the entity tables too. Hibernate Reactive needs a safe duplicated Vert.x context, which REST
 * requests have; background work (start-up, schedules, the bot's sweep) gets a fresh one here.
 */
@ApplicationScoped
public class ScopedSessions {

    private static final String SET_SCOPE = "SELECT set_config('" + ScopedSql.SETTING + "', ?1, true)";

    private final Mutiny.SessionFactory sessions;
    private final Vertx vertx;

    public ScopedSessions(Mutiny.SessionFactory sessions, Vertx vertx) {
        this.sessions = sessions;
        this.vertx = vertx;
    }

    /** Runs the work in one transaction under the scope. */
    public <T> Uni<T> inTransaction(StoreScope scope, Function<Mutiny.Session, Uni<T>> work) {
        Context current = Vertx.currentContext();
        if (current != null && VertxContext.isDuplicatedContext(current) && VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(current)) {
            return transaction(scope, work);
        }
        Context duplicated = VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(duplicated, true);
        return Uni.createFrom().emitter(emitter -> duplicated.runOnContext(ignored -> transaction(scope, work)
                .subscribe().with(emitter::complete, emitter::fail)));
    }

    private <T> Uni<T> transaction(StoreScope scope, Function<Mutiny.Session, Uni<T>> work) {
        return sessions.withTransaction(session -> session.createNativeQuery(SET_SCOPE, String.class)
                .setParameter(1, ScopedSql.setting(scope)).getSingleResult()
                .chain(() -> work.apply(session)));
    }
}

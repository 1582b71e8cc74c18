package com.retailintelligence.db;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.retailintelligence.access.StoreScope;

import io.smallrye.mutiny.Uni;

/**
 * {@link ScopedSql} for Hibernate Reactive: a session in one transaction whose first statement puts it under the
 * store scope ({@code set_config('retail.store_scope', …, true)}, local to the transaction), so row-level security
 * is the second lock on the entity tables too.
 */
@ApplicationScoped
public class ScopedSessions {

    private static final String SET_SCOPE = "SELECT set_config('" + ScopedSql.SETTING + "', ?1, true)";

    private final Mutiny.SessionFactory sessions;

    public ScopedSessions(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Runs the work in one transaction under the scope. */
    public <T> Uni<T> inTransaction(StoreScope scope, Function<Mutiny.Session, Uni<T>> work) {
        return sessions.withTransaction(session -> session.createNativeQuery(SET_SCOPE, String.class)
                .setParameter(1, ScopedSql.setting(scope)).getSingleResult()
                .chain(() -> work.apply(session)));
    }
}

package com.retailintelligence.store;

import java.util.function.Function;

import jakarta.ws.rs.core.Response;

import com.retailintelligence.audit.Caller;
import com.retailintelligence.problem.Problems;

import io.smallrye.mutiny.Uni;

/**
 * For REST resources under {@code /stores/{id}/…}: runs the work on the store when the caller may see it, and answers
 * 404 problem+json when it does not exist or is outside the caller's scope (the same answer, by design; the refusal
 * is recorded as a denied access).
 */
public final class VisibleStore {

    private VisibleStore() {
    }

    public static Uni<Response> with(Caller caller, StoreService stores, String id, Function<Store, Uni<Response>> work) {
        if (!caller.maySee(id)) {
            return Uni.createFrom().item(Problems.storeNotFound(id));
        }
        return stores.find(caller.scope(), id)
                .chain(store -> store == null ? Uni.createFrom().item(Problems.storeNotFound(id)) : work.apply(store));
    }
}

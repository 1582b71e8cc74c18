package com.retailintelligence.aggregate;

import java.time.ZoneId;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.Caller;
import com.retailintelligence.problem.Problems;
import com.retailintelligence.store.Store;
import com.retailintelligence.store.StoreService;

import io.smallrye.mutiny.Uni;

/**
 * The HTTP side of the daily series reads: 404 for an unknown store or one outside the principal's scope (the
 * same answer, so nothing is revealed), else the day. The date and bucket were checked by the resources' constraints.
 */
@ApplicationScoped
public class DayReads {

    private final StoreService stores;

    public DayReads(StoreService stores) {
        this.stores = stores;
    }


    /** The caller's scope was checked by the application already; the store is then read as the system. */
    public <T> Uni<Response> respond(Caller caller, String storeId, String date, String bucket,
            BiFunction<Store, DayQuery, Uni<T>> read) {
        if (!caller.maySee(storeId)) {
            return Uni.createFrom().item(Problems.storeNotFound(storeId));
        }
        return stores.find(StoreScope.ALL, storeId).chain(store -> {
            if (store == null) {
                return Uni.createFrom().item(Problems.storeNotFound(storeId));
            }
            return read.apply(store, DayQuery.of(date, bucket, ZoneId.of(store.timezone()))).map(day -> Response.ok(day).build());
        });
    }
}

package com.retailintelligence.aggregate;

import java.time.ZoneId;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.retailintelligence.problem.Problems;
import com.retailintelligence.store.Store;
import com.retailintelligence.store.StoreService;

import io.smallrye.mutiny.Uni;

/** The HTTP side of the daily series reads: 404 for an unknown store, 400 for bad date or bucket, else the day. */
@ApplicationScoped
public class DayReads {

    private final StoreService stores;

    public DayReads(StoreService stores) {
        this.stores = stores;
    }

    public <T> Uni<Response> respond(String storeId, String date, String bucket, BiFunction<Store, DayQuery, Uni<T>> read) {
        return stores.find(storeId).chain(store -> {
            if (store == null) {
                return Uni.createFrom().item(Problems.notFound("No store with id '" + storeId + "'."));
            }
            DayQuery query = DayQuery.parse(date, bucket, ZoneId.of(store.timezone()));
            if (!query.errors().isEmpty()) {
                return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, "Invalid query parameters.",
                        query.errors()));
            }
            return read.apply(store, query).map(day -> Response.ok(day).build());
        });
    }
}

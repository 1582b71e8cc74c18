package com.retailintelligence.analytics;

import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.access.Roles;
import com.retailintelligence.audit.Caller;
import com.retailintelligence.problem.Problems;
import com.retailintelligence.store.Store;
import com.retailintelligence.store.StoreService;
import com.retailintelligence.store.VisibleStore;

import io.smallrye.mutiny.Uni;

/**
 * REST API for a store's opening hours and daily targets (per weekday, store-local): read by anyone who may see
 * the store, replaced whole by its managers and admins. Another store's answers 404, as everywhere.
 */
@Path("/api/v1/stores/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "stores")
@SecurityRequirement(name = "jwt")
public class StoreSettingsResource {

    private final StoreSettingsService settings;
    private final StoreService stores;
    private final Caller caller;

    public StoreSettingsResource(StoreSettingsService settings, StoreService stores, Caller caller) {
        this.settings = settings;
        this.stores = stores;
        this.caller = caller;
    }

    @GET
    @Path("opening-hours")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "A store's opening hours per weekday (local whole hours; a weekday left out has none set)")
    public Uni<Response> openingHours(@PathParam("id") String id) {
        return withStore(id, store -> settings.read(caller.scope(), id)
                .map(read -> Response.ok(SettingsJson.openingHoursView(read.openingHours())).build()));
    }

    @PUT
    @Path("opening-hours")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER })
    @Operation(summary = "Replace a store's opening hours",
            description = "{\"monday\": {\"opens\": \"09:00\", \"closes\": \"20:00\"}, \"sunday\": {\"closed\": true}}; "
                    + "whole local hours (closes up to 24:00); a weekday left out has none set (the whole day counts as open).")
    public Uni<Response> replaceOpeningHours(@PathParam("id") String id, JsonNode body) {
        return withStore(id, store -> replace(SettingsJson.openingHours(body), "opening hours",
                hours -> settings.replaceOpeningHours(caller.scope(), id, hours, caller.changed("store.opening-hours", id, null)),
                SettingsJson::openingHoursView));
    }

    @GET
    @Path("targets")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "A store's daily targets per weekday")
    public Uni<Response> targets(@PathParam("id") String id) {
        return withStore(id, store -> settings.read(caller.scope(), id)
                .map(read -> Response.ok(SettingsJson.targetsView(read.targets(), store.currency())).build()));
    }

    @PUT
    @Path("targets")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER })
    @Operation(summary = "Replace a store's daily targets",
            description = "{\"saturday\": {\"visitors\": 1500, \"revenue\": \"9000.00\", \"conversionRate\": 0.22}}; revenue in the "
                    + "store's currency, conversionRate a fraction; any of the three may be left out; a weekday left out has no target.")
    public Uni<Response> replaceTargets(@PathParam("id") String id, JsonNode body) {
        return withStore(id, store -> replace(SettingsJson.targets(body, store.currency()), "targets",
                targets -> settings.replaceTargets(caller.scope(), id, targets, caller.changed("store.targets", id, null)),
                targets -> SettingsJson.targetsView(targets, store.currency())));
    }

    /** 400 listing every mistake (nothing stored), else stores what was read and answers it as GET would. */
    private static <T> Uni<Response> replace(SettingsJson.Read<T> read, String what, Function<T, Uni<Void>> store,
            Function<T, Object> view) {
        if (read.value() == null) {
            return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, "The " + what + " are not valid.", read.errors()));
        }
        return store.apply(read.value()).replaceWith(Response.ok(view.apply(read.value())).build());
    }

    private Uni<Response> withStore(String id, Function<Store, Uni<Response>> work) {
        return VisibleStore.with(caller, stores, id, work);
    }

}

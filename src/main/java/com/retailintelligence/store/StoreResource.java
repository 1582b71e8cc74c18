package com.retailintelligence.store;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.retailintelligence.access.Roles;
import com.retailintelligence.audit.Caller;
import com.retailintelligence.problem.Problems;

import io.smallrye.mutiny.Uni;

/**
 * REST API for stores: create, read, update and delete. Reads show only the stores in the principal's scope
 * (another store answers 404, as if it did not exist); managers may change their own stores; creating and
 * deleting stores is for admins.
 */
@Path("/api/v1/stores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "stores")
@SecurityRequirement(name = "jwt")
public class StoreResource {

    private final StoreService service;
    private final Caller caller;

    public StoreResource(StoreService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a store", description = "201 with Location; 409 when the id is taken.")
    public Uni<Response> create(@Valid @NotNull NewStore body) {
        return service.create(caller.scope(), body, caller.changed("store.create", body.id(), null)).map(created -> created == null
                ? Problems.conflict("A store with id '" + body.id() + "' already exists.")
                : Response.created(URI.create("/api/v1/stores/" + created.id())).entity(created).build());
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER, Roles.DISPLAY })
    @Operation(summary = "List the stores the principal may see")
    public Uni<List<Store>> list() {
        return service.list(caller.scope());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER, Roles.DISPLAY })
    @Operation(summary = "Read a store")
    public Uni<Response> get(@PathParam("id") String id) {
        if (!caller.maySee(id)) {
            return Uni.createFrom().item(Problems.storeNotFound(id));
        }
        return service.find(caller.scope(), id).map(store -> store == null ? Problems.storeNotFound(id) : Response.ok(store).build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER })
    @Operation(summary = "Replace a store's name, time zone and capacity, and its currency when given (admins; managers for their own stores)",
            description = "A currency left out is kept; changing it is refused (409) once the store has sales.")
    public Uni<Response> update(@PathParam("id") String id, @Valid @NotNull StoreUpdate body) {
        if (!caller.maySee(id)) {
            return Uni.createFrom().item(Problems.storeNotFound(id));
        }
        return service.update(caller.scope(), id, body, caller.changed("store.update", id, null)).map(outcome -> {
            if (outcome instanceof UpdateOutcome.Updated updated) {
                return Response.ok(updated.store()).build();
            }
            if (outcome instanceof UpdateOutcome.CurrencyLocked locked) {
                return Problems.conflict("Store '" + id + "' has sales recorded in " + locked.currency()
                        + "; its currency cannot change (its amounts would be read in another currency).");
            }
            return Problems.storeNotFound(id);
        });
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a store", description = "409 when the store has events, unless force=true, which deletes them too.")
    public Uni<Response> delete(@PathParam("id") String id,
            @QueryParam("force") @Pattern(regexp = "true|false", message = "must be true or false") String forceParam) {
        boolean force = "true".equals(forceParam);
        return service.delete(caller.scope(), id, force, caller.changed("store.delete", id, force ? "force" : null)).map(outcome -> switch (outcome) {
            case DELETED -> Response.noContent().build();
            case NOT_FOUND -> Problems.storeNotFound(id);
            case HAS_DATA -> Problems.conflict("Store '" + id + "' has traffic or sales events; "
                    + "delete with ?force=true to remove them as well.");
        });
    }

}

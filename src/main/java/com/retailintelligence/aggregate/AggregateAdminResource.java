package com.retailintelligence.aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.retailintelligence.access.Roles;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.audit.Caller;
import com.retailintelligence.db.PartitionMaintenance;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.Problems;
import com.retailintelligence.store.StoreService;
import com.retailintelligence.validation.IsoDate;
import com.retailintelligence.validation.QueryValues;

import io.smallrye.mutiny.Uni;

/** Admin REST API to recompute the aggregates from the raw events. */
@Path("/api/v1/admin/aggregates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "jwt")
public class AggregateAdminResource {

    private final RebuildService rebuild;
    private final StoreService stores;
    private final Caller caller;
    private final AuditLog audit;
    private final PartitionMaintenance partitions;

    public AggregateAdminResource(RebuildService rebuild, StoreService stores, Caller caller, AuditLog audit,
            PartitionMaintenance partitions) {
        this.rebuild = rebuild;
        this.partitions = partitions;
        this.stores = stores;
        this.caller = caller;
        this.audit = audit;
    }

    @POST
    @Path("rebuild")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Recompute rollups (PostgreSQL) and live aggregates (Redis) from the raw events",
            description = "Optional storeId and store-local from/to dates (inclusive); without them, everything.")
    public Uni<Response> rebuild(@QueryParam("storeId") String storeId, @QueryParam("from") @IsoDate String from,
            @QueryParam("to") @IsoDate String to) {
        LocalDate first = from == null || from.isBlank() ? null : QueryValues.date(from);
        LocalDate last = to == null || to.isBlank() ? null : QueryValues.date(to);
        if (first != null && last != null && last.isBefore(first)) {
            return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, "to: must not be before from",
                    List.of(new Problem.FieldError("to", "must not be before from"))));
        }
        // With raw-event retention on, a rebuild reaching into dropped months would recompute kept rollups from
        // events that are gone: refused, so the figures of those days stay as they are.
        LocalDate firstKept = partitions.firstRebuildableDay(Instant.now());
        if (firstKept != null && (first == null || first.isBefore(firstKept))) {
            String detail = "from: must be " + firstKept + " or later; raw events before it are dropped by retention "
                    + "(RETAIL_RETENTION_RAW_EVENTS_MONTHS), so their rollups cannot be recomputed";
            return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, detail,
                    List.of(new Problem.FieldError("from", "must be " + firstKept + " or later (raw-event retention)"))));
        }
        // Audited once done: the rebuild spans PostgreSQL and Redis, so it has no single transaction to join.
        AuditEntry entry = caller.changed("aggregates.rebuild", storeId == null || storeId.isBlank() ? "*" : storeId,
                "from=" + first + " to=" + last);
        if (storeId == null || storeId.isBlank()) {
            return rebuild.rebuild(null, first, last).call(() -> audit.record(entry)).map(result -> Response.ok(result).build());
        }
        return stores.find(StoreScope.ALL, storeId).chain(store -> store == null
                ? Uni.createFrom().item(Problems.notFound("No store with id '" + storeId + "'."))
                : rebuild.rebuild(storeId, first, last).call(() -> audit.record(entry))
                        .map(result -> Response.ok(result).build()));
    }
}

package com.retailintelligence.alert;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.retailintelligence.access.Actors;
import com.retailintelligence.access.Roles;
import com.retailintelligence.audit.Caller;
import com.retailintelligence.problem.Problems;
import com.retailintelligence.validation.IsoInstant;
import com.retailintelligence.validation.QueryValues;
import com.retailintelligence.validation.WholeNumber;

import io.smallrye.mutiny.Uni;

/** REST API for the stored alerts: the list (anyone who sees the store, displays included) and acknowledgement (managers, admins). */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "jwt")
public class AlertResource {

    private static final int MAX_LIMIT = 200;

    private final AlertService alerts;
    private final Caller caller;

    public AlertResource(AlertService alerts, Caller caller) {
        this.alerts = alerts;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER, Roles.DISPLAY })
    @Operation(summary = "List alerts, newest first", description = "Filters: storeId, status (open|acknowledged|resolved), "
            + "from/to (ISO-8601 instants, on firedAt), limit (1-200, default 50); page on with before=<nextBefore of the previous page>.")
    public Uni<Response> list(@QueryParam("storeId") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be a store id") String storeId,
            @QueryParam("status") @Pattern(regexp = "open|acknowledged|resolved", message = "must be open, acknowledged or resolved") String status,
            @QueryParam("from") @IsoInstant String from, @QueryParam("to") @IsoInstant String to,
            @QueryParam("limit") @WholeNumber(min = 1, max = MAX_LIMIT) String limit,
            @QueryParam("before") @WholeNumber(min = 1, max = Long.MAX_VALUE) String before) {
        if (storeId != null && !caller.maySee(storeId)) {
            return Uni.createFrom().item(Problems.storeNotFound(storeId));
        }
        var fromTime = QueryValues.instant(from);
        var toTime = QueryValues.instant(to);
        AlertQuery query = new AlertQuery(storeId, status, fromTime == null ? null : fromTime.toInstant(),
                toTime == null ? null : toTime.toInstant(), limit == null ? 50 : Integer.parseInt(limit),
                before == null ? null : Long.valueOf(before));
        return alerts.list(caller.scope(), query).map(page -> Response.ok(page).build());
    }

    @POST
    @Path("{id}/ack")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER })
    @Operation(summary = "Acknowledge an alert", description = "Records who acknowledged it and when (audited); acknowledging "
            + "again changes nothing. An alert of a store outside the caller's scope answers 404.")
    public Uni<Response> acknowledge(@PathParam("id") String id) {
        Long alertId = PathIds.positive(id);
        if (alertId == null) {
            return Uni.createFrom().item(Problems.notFound("No alert '" + id + "'."));
        }
        return alerts.acknowledge(caller.scope(), alertId, Actors.of(caller.identity()), caller.changed("alert.acknowledge", id, null))
                .map(outcome -> {
                    if (outcome instanceof AlertService.Acknowledged acknowledged) {
                        return Response.ok(acknowledged.alert()).build();
                    }
                    return Problems.notFound("No alert '" + id + "'.");
                });
    }
}

package com.retailintelligence.sales;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.retailintelligence.access.Roles;
import com.retailintelligence.aggregate.DayQuery;
import com.retailintelligence.aggregate.DayReads;
import com.retailintelligence.validation.IsoDate;
import com.retailintelligence.audit.Caller;
import com.retailintelligence.ingest.IngestResponses;

import io.smallrye.mutiny.Uni;

/** REST API for sales: POS transaction ingest and the daily series. */
@Path("/api/v1/sales")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales")
@SecurityRequirement(name = "jwt")
public class SalesResource {

    private final SalesService service;
    private final DayReads reads;
    private final Caller caller;

    public SalesResource(SalesService service, DayReads reads, Caller caller) {
        this.service = service;
        this.reads = reads;
        this.caller = caller;
    }

    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.INGEST })
    @Operation(summary = "Ingest a batch of 1-1000 POS transactions",
            description = "Answers {accepted, duplicates}. A transaction whose (storeId, id) was seen before is a duplicate, "
                    + "counted once. Any invalid transaction rejects the whole batch (400, every bad field listed).")
    @RequestBody(content = @Content(schema = @Schema(implementation = SaleEventDoc[].class)))
    public Uni<Response> ingest(byte[] body) {
        return service.ingest(body, caller.scope()).map(outcome -> IngestResponses.of(outcome, caller));
    }

    @GET
    @Path("{storeId}")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "A store-local day of sales per hour or minute, with totals")
    public Uni<Response> day(@PathParam("storeId") String storeId, @QueryParam("date") @IsoDate String date,
            @QueryParam("bucket") @Pattern(regexp = DayQuery.BUCKETS, message = "must be hour or minute") String bucket) {
        return reads.respond(caller, storeId, date, bucket, service::day);
    }
}

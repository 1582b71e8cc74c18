package com.retailintelligence.sales;

import jakarta.annotation.security.RolesAllowed;
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

import com.retailintelligence.aggregate.DayQuery;
import com.retailintelligence.auth.Roles;
import com.retailintelligence.ingest.IngestResponses;
import com.retailintelligence.problem.Problems;
import com.retailintelligence.store.StoreService;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** REST API for sales: POS transaction ingest and the daily series. */
@Path("/api/v1/sales")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sales")
@SecurityRequirement(name = "jwt")
public class SalesResource {

    private final SalesService service;
    private final StoreService stores;

    public SalesResource(SalesService service, StoreService stores) {
        this.service = service;
        this.stores = stores;
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
        return service.ingest(body).map(IngestResponses::of);
    }

    @GET
    @Path("{storeId}")
    @Authenticated
    @Operation(summary = "A store-local day of sales per hour or minute, with totals")
    public Uni<Response> day(@PathParam("storeId") String storeId, @QueryParam("date") String date,
            @QueryParam("bucket") String bucket) {
        return stores.find(storeId).chain(store -> {
            if (store == null) {
                return Uni.createFrom().item(Problems.notFound("No store with id '" + storeId + "'."));
            }
            DayQuery query = DayQuery.parse(date, bucket, java.time.ZoneId.of(store.timezone()));
            if (!query.errors().isEmpty()) {
                return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST,
                        "Invalid query parameters.", query.errors()));
            }
            return service.day(store, query).map(day -> Response.ok(day).build());
        });
    }

    /** The documented shape of one transaction (the body is read by hand, see EventBatch). */
    @Schema(name = "SaleEvent")
    public record SaleEventDoc(
            @Schema(required = true, example = "pos7-88812") String id,
            @Schema(required = true, example = "lisbon-chiado") String storeId,
            @Schema(required = true, example = "2026-11-26T10:16:02Z") String timestamp,
            @Schema(required = true, description = "Decimal string or number >= 0, at most the currency's minor digits",
                    example = "42.50") String amount,
            @Schema(required = true, description = "ISO 4217; must be the store's currency", example = "EUR") String currency,
            @Schema(minimum = "0", example = "3") Integer items,
            @Schema(enumeration = { "sale", "refund" }, defaultValue = "sale") String type) {
    }
}

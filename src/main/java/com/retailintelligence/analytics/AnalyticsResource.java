package com.retailintelligence.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
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
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.Problems;
import com.retailintelligence.validation.IsoDate;
import com.retailintelligence.validation.QueryValues;
import com.retailintelligence.validation.WholeNumber;

import io.smallrye.mutiny.Uni;

/**
 * REST API for analytics (docs/analytics.md): a store's day summary, its hours, a range per period, and the day
 * across the caller's stores. Another store's answers 404, as everywhere; dates are store-local.
 */
@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "analytics")
@SecurityRequirement(name = "jwt")
public class AnalyticsResource {

    private final AnalyticsService service;
    private final Caller caller;

    public AnalyticsResource(AnalyticsService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("{storeId}/summary")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "A store's day: figures, open-hours figures, comparison with last week and last year, forecast, targets",
            description = "date: YYYY-MM-DD, store-local (default today). Ratios are null where their divisor is 0.")
    public Uni<Response> summary(@PathParam("storeId") String storeId, @QueryParam("date") @IsoDate String date) {
        return day(storeId, date, view -> Response.ok(view.summary()).build());
    }

    @GET
    @Path("{storeId}/hourly")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "A store's day per local hour: visitors, transactions, revenue, conversion (23 or 25 hours on DST days)")
    public Uni<Response> hourly(@PathParam("storeId") String storeId, @QueryParam("date") @IsoDate String date) {
        return day(storeId, date, view -> Response.ok(view.hourly()).build());
    }

    @GET
    @Path("{storeId}/range")
    @Produces({ MediaType.APPLICATION_JSON, "text/csv" })
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "A store's figures per day, ISO week or local month, at most 400 days a call; format=csv for a spreadsheet")
    public Uni<Response> range(@PathParam("storeId") String storeId,
            @QueryParam("from") @NotNull(message = "is required (YYYY-MM-DD)") @IsoDate String from,
            @QueryParam("to") @NotNull(message = "is required (YYYY-MM-DD)") @IsoDate String to,
            @QueryParam("bucket") @Pattern(regexp = RangeBucket.PATTERN, message = "must be day, week or month") String bucket,
            @QueryParam("format") @Pattern(regexp = "json|csv", message = "must be json or csv") String format) {
        LocalDate first = QueryValues.date(from);
        LocalDate last = QueryValues.date(to);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (last.isBefore(first)) {
            errors.add(new Problem.FieldError("to", "must not be before from"));
        } else if (last.toEpochDay() - first.toEpochDay() + 1 > AnalyticsService.MAX_RANGE_DAYS) {
            errors.add(new Problem.FieldError("to", "the range may span at most " + AnalyticsService.MAX_RANGE_DAYS
                    + " days (from " + from + ": to " + first.plusDays(AnalyticsService.MAX_RANGE_DAYS - 1) + " at the latest)"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, errors.get(0).field() + ": " + errors.get(0).message(), errors));
        }
        if (!caller.maySee(storeId)) {
            return Uni.createFrom().item(Problems.storeNotFound(storeId));
        }
        return service.range(caller.scope(), storeId, first, last, RangeBucket.of(bucket)).map(range -> {
            if (range == null) {
                return Problems.storeNotFound(storeId);
            }
            if ("csv".equals(format)) {
                return Response.ok(AnalyticsCsv.range(range), Csv.MEDIA_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"" + storeId + "-" + from + "-" + to + ".csv\"").build();
            }
            return Response.ok(range, MediaType.APPLICATION_JSON).build();
        });
    }

    @GET
    @Path("summary")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "The day across every store the caller may see: each store's figures, totals (money per currency), rankings",
            description = "date: YYYY-MM-DD (default: each store's own local today); top: how many stores each ranking lists (default 10).")
    public Uni<ChainSummary> chain(@QueryParam("date") @IsoDate String date, @QueryParam("top") @WholeNumber(min = 1, max = 1000) String top) {
        return service.chain(caller.scope(), QueryValues.date(date), top == null ? 10 : Integer.parseInt(top));
    }

    private Uni<Response> day(String storeId, String date, Function<DayView, Response> answer) {
        if (!caller.maySee(storeId)) {
            return Uni.createFrom().item(Problems.storeNotFound(storeId));
        }
        return service.day(caller.scope(), storeId, QueryValues.date(date))
                .map(view -> view == null ? Problems.storeNotFound(storeId) : answer.apply(view));
    }

}

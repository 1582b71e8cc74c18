package com.retailintelligence.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
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

import io.smallrye.mutiny.Uni;

/**
 * REST API for reports: a store's daily and weekly report and the day across the caller's stores, each as JSON,
 * CSV (a table with a header row) or PNG (a chart for a phone). Another store's answers 404, as everywhere.
 */
@Path("/api/v1/reports")
@Produces({ MediaType.APPLICATION_JSON, "text/csv", "image/png" })
@Tag(name = "reports")
@SecurityRequirement(name = "jwt")
public class ReportResource {

    private static final String FORMAT_MESSAGE = "must be json, csv or png";

    private final ReportService reports;
    private final Caller caller;

    public ReportResource(ReportService reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("{storeId}/daily")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "A store's daily report: summary, comparison, forecast and the hourly table (json, csv or png)",
            description = "date: YYYY-MM-DD, store-local (default today).")
    public Uni<Response> daily(@PathParam("storeId") String storeId, @QueryParam("date") @IsoDate String date,
            @QueryParam("format") @Pattern(regexp = ReportFormat.PATTERN, message = FORMAT_MESSAGE) String format) {
        if (!caller.maySee(storeId)) {
            return Uni.createFrom().item(Problems.storeNotFound(storeId));
        }
        return reports.daily(caller.scope(), storeId, QueryValues.date(date), ReportFormat.of(format)).map(report -> respond(report, storeId));
    }

    @GET
    @Path("{storeId}/weekly")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "A store's weekly report: the ISO week's figures per day, compared with the week before and 52 weeks before",
            description = "week: YYYY-Www, an ISO week (default the store's current week).")
    public Uni<Response> weekly(@PathParam("storeId") String storeId,
            @QueryParam("week") @Pattern(regexp = "\\d{4}-W\\d{2}", message = "must be an ISO week, YYYY-Www (e.g. 2026-W49)") String week,
            @QueryParam("format") @Pattern(regexp = ReportFormat.PATTERN, message = FORMAT_MESSAGE) String format) {
        LocalDate monday = null;
        if (week != null) {
            monday = monday(week);
            if (monday == null) {
                return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, "week: " + week + " does not exist",
                        List.of(new Problem.FieldError("week", week.substring(0, 4) + " has no week " + week.substring(6)))));
            }
        }
        if (!caller.maySee(storeId)) {
            return Uni.createFrom().item(Problems.storeNotFound(storeId));
        }
        return reports.weekly(caller.scope(), storeId, monday, ReportFormat.of(format)).map(report -> respond(report, storeId));
    }

    @GET
    @Path("summary")
    @RolesAllowed({ Roles.ADMIN, Roles.MANAGER, Roles.VIEWER })
    @Operation(summary = "The day across every store the caller may see (json, csv or png)",
            description = "date: YYYY-MM-DD (default: each store's own local today).")
    public Uni<Response> summary(@QueryParam("date") @IsoDate String date,
            @QueryParam("format") @Pattern(regexp = ReportFormat.PATTERN, message = FORMAT_MESSAGE) String format) {
        return reports.chain(caller.scope(), QueryValues.date(date), ReportFormat.of(format)).map(report -> respond(report, null));
    }

    /** The Monday of an ISO week (YYYY-Www, already matched), or null when the year has no such week. */
    static LocalDate monday(String week) {
        int year = Integer.parseInt(week.substring(0, 4));
        int number = Integer.parseInt(week.substring(6));
        LocalDate mid = LocalDate.of(year, 6, 1);
        if (year < 1971 || number < 1 || number > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            return null;
        }
        return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(DayOfWeek.MONDAY);
    }

    private static Response respond(Report report, String storeId) {
        if (report == null) {
            return Problems.storeNotFound(storeId);
        }
        String disposition = report.mediaType().startsWith("text/csv") ? "attachment" : "inline";
        return Response.ok(report.body(), report.mediaType())
                .header("Content-Disposition", disposition + "; filename=\"" + report.filename() + "\"").build();
    }

}

package com.retailintelligence.audit;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.retailintelligence.access.Roles;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.problem.Problems;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** REST API for reading the audit log (admins): filters by actor, action, result, interface and time; newest first. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private static final int MAX_LIMIT = 1000;

    private final Pool pool;

    public AuditResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Operation(summary = "Read the audit log", description = "Filters: actor, action, result (success|failure|denied), "
            + "interface (rest|websocket|telegram|system), from/to (ISO-8601 instants), limit (1-1000, default 100); "
            + "page on with before=<nextBefore of the previous page>.")
    public Uni<Response> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("result") String result, @QueryParam("interface") String channel, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") String limit, @QueryParam("before") String before) {
        List<Problem.FieldError> errors = new ArrayList<>();
        OffsetDateTime fromTime = instant("query.from", from, errors);
        OffsetDateTime toTime = instant("query.to", to, errors);
        Integer pageSize = number("query.limit", limit, 1, MAX_LIMIT, errors);
        Integer beforeId = number("query.before", before, 1, Integer.MAX_VALUE, errors);
        if (result != null && !List.of("success", "failure", "denied").contains(result)) {
            errors.add(new Problem.FieldError("query.result", "one of success, failure, denied"));
        }
        if (channel != null && !List.of("rest", "websocket", "telegram", "system").contains(channel)) {
            errors.add(new Problem.FieldError("query.interface", "one of rest, websocket, telegram, system"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(Problems.response(Response.Status.BAD_REQUEST, "Invalid query parameters.", errors));
        }
        int size = pageSize == null ? 100 : pageSize;
        return pool.preparedQuery("SELECT id, at, actor, interface, action, target, result, request_id, detail, occurrences FROM audit_log "
                        + "WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR action = $2) "
                        + "AND ($3::text IS NULL OR result = $3) AND ($4::text IS NULL OR interface = $4) "
                        + "AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6) "
                        + "AND ($7::bigint IS NULL OR id < $7) ORDER BY id DESC LIMIT $8")
                .execute(Tuple.tuple(Arrays.asList(actor, action, result, channel, fromTime, toTime,
                        beforeId == null ? null : beforeId.longValue(), size + 1)))
                .map(rows -> {
                    List<AuditRecord> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(new AuditRecord(row.getLong("id"), row.getOffsetDateTime("at"), row.getString("actor"),
                                row.getString("interface"), row.getString("action"), row.getString("target"),
                                row.getString("result"), row.getString("request_id"), row.getString("detail"),
                                row.getInteger("occurrences")));
                    }
                    Long next = null;
                    if (items.size() > size) {
                        items.remove(items.size() - 1);
                        next = items.get(items.size() - 1).id();
                    }
                    return Response.ok(new AuditPage(items, next)).build();
                });
    }

    private static OffsetDateTime instant(String field, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "an ISO-8601 instant with offset, e.g. 2026-11-26T10:00:00Z"));
            return null;
        }
    }

    private static Integer number(String field, String value, int min, int max, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(field, "a whole number from " + min + " to " + max));
        return null;
    }
}

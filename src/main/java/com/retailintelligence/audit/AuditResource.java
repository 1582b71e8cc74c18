package com.retailintelligence.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import com.retailintelligence.validation.IsoInstant;
import com.retailintelligence.validation.QueryValues;
import com.retailintelligence.validation.WholeNumber;

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
    public Uni<Response> list(@QueryParam("actor") @Size(max = 200) String actor, @QueryParam("action") @Size(max = 100) String action,
            @QueryParam("result") @Pattern(regexp = "success|failure|denied", message = "must be success, failure or denied") String result,
            @QueryParam("interface") @Pattern(regexp = "rest|websocket|telegram|system",
                    message = "must be rest, websocket, telegram or system") String channel,
            @QueryParam("from") @IsoInstant String from, @QueryParam("to") @IsoInstant String to,
            @QueryParam("limit") @WholeNumber(min = 1, max = MAX_LIMIT) String limit,
            @QueryParam("before") @WholeNumber(min = 1, max = Long.MAX_VALUE) String before) {
        OffsetDateTime fromTime = QueryValues.instant(from);
        OffsetDateTime toTime = QueryValues.instant(to);
        Integer pageSize = limit == null ? null : Integer.valueOf(limit);
        Long beforeId = before == null ? null : Long.valueOf(before);
        int size = pageSize == null ? 100 : pageSize;
        return pool.preparedQuery("SELECT id, at, actor, interface, action, target, result, request_id, detail, occurrences FROM audit_log "
                        + "WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR action = $2) "
                        + "AND ($3::text IS NULL OR result = $3) AND ($4::text IS NULL OR interface = $4) "
                        + "AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6) "
                        + "AND ($7::bigint IS NULL OR id < $7) ORDER BY id DESC LIMIT $8")
                .execute(Tuple.tuple(Arrays.asList(actor, action, result, channel, fromTime, toTime,
                        beforeId, size + 1)))
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
}

package com.retailintelligence.alert;

import java.net.URI;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * REST API for a store's alert rules, for its managers and admins (docs/alerts.md). A store outside the caller's scope
 * answers 404, as everywhere; an invalid rule 400 naming each wrong field, with nothing stored.
 */
@Path("/api/v1/stores/{id}/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Roles.ADMIN, Roles.MANAGER })
public class AlertRuleResource {

    private static final String EXAMPLE = "{\"type\":\"occupancy\",\"percent\":90,\"resolvePercent\":75,\"severity\":\"warning\","
            + "\"cooldown\":\"PT15M\",\"quietHours\":{\"from\":\"22:00\",\"to\":\"07:00\"},\"enabled\":true}";

    private final AlertRuleService rules;
    private final StoreService stores;
    private final Caller caller;

    public AlertRuleResource(AlertRuleService rules, StoreService stores, Caller caller) {
        this.rules = rules;
        this.stores = stores;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "A store's alert rules")
    public Uni<Response> list(@PathParam("id") String id) {
        return withStore(id, store -> rules.list(caller.scope(), id)
                .map(list -> Response.ok(list.stream().map(v -> RuleJson.view(v.rule(), v.createdAt(), v.updatedAt())).toList()).build()));
    }

    @GET
    @Path("{ruleId}")
    @Operation(summary = "One alert rule")
    public Uni<Response> get(@PathParam("id") String id, @PathParam("ruleId") String ruleId) {
        Long number = PathIds.positive(ruleId);
        return withStore(id, store -> number == null ? Uni.createFrom().item(ruleNotFound(ruleId))
                : rules.find(caller.scope(), id, number).map(view -> view == null ? ruleNotFound(ruleId) : ok(view)));
    }

    @POST
    @Operation(summary = "Add an alert rule", description = "For example " + EXAMPLE + ". Types and their parameters: occupancy "
            + "(percent, resolvePercent), sensor-silent (minutes), pos-silent (minutes, minVisitors), traffic-anomaly (windowMinutes "
            + "15|30|60, factor, consecutive), conversion-drop (percent, minVisitors).")
    public Uni<Response> create(@PathParam("id") String id, JsonNode body) {
        return withStore(id, store -> {
            RuleJson.Read read = RuleJson.read(body, store.capacity());
            if (read.rule() == null) {
                return Uni.createFrom().item(invalid(read));
            }
            return rules.create(caller.scope(), id, read.rule(), caller.changed("alert-rule.create", id, null))
                    .map(view -> Response.created(URI.create("/api/v1/stores/" + id + "/alert-rules/" + view.rule().id()))
                            .entity(RuleJson.view(view.rule(), view.createdAt(), view.updatedAt())).build());
        });
    }

    @PUT
    @Path("{ruleId}")
    @Operation(summary = "Replace an alert rule", description = "The whole rule, as for POST. Disabling it or changing its type "
            + "resolves its open alert.")
    public Uni<Response> replace(@PathParam("id") String id, @PathParam("ruleId") String ruleId, JsonNode body) {
        Long number = PathIds.positive(ruleId);
        return withStore(id, store -> {
            if (number == null) {
                return Uni.createFrom().item(ruleNotFound(ruleId));
            }
            RuleJson.Read read = RuleJson.read(body, store.capacity());
            if (read.rule() == null) {
                return Uni.createFrom().item(invalid(read));
            }
            return rules.replace(caller.scope(), id, store.name(), number, read.rule(), caller.changed("alert-rule.replace", id, null))
                    .map(view -> view == null ? ruleNotFound(ruleId) : ok(view));
        });
    }

    @DELETE
    @Path("{ruleId}")
    @Operation(summary = "Delete an alert rule", description = "Its open alert resolves; its alerts stay in the list.")
    public Uni<Response> delete(@PathParam("id") String id, @PathParam("ruleId") String ruleId) {
        Long number = PathIds.positive(ruleId);
        return withStore(id, store -> number == null ? Uni.createFrom().item(ruleNotFound(ruleId))
                : rules.delete(caller.scope(), id, store.name(), number, caller.changed("alert-rule.delete", id, null))
                        .map(deleted -> deleted ? Response.noContent().build() : ruleNotFound(ruleId)));
    }

    private static Response ok(RuleView view) {
        return Response.ok(RuleJson.view(view.rule(), view.createdAt(), view.updatedAt())).build();
    }

    private static Response invalid(RuleJson.Read read) {
        return Problems.response(Response.Status.BAD_REQUEST, "The alert rule is not valid; nothing was stored.", read.errors());
    }

    private static Response ruleNotFound(String ruleId) {
        return Problems.notFound("The store has no alert rule '" + ruleId + "'.");
    }

    private Uni<Response> withStore(String id, Function<Store, Uni<Response>> work) {
        return VisibleStore.with(caller, stores, id, work);
    }
}

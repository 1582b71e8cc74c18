package com.retailintelligence.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.retailintelligence.problem.Problems;
import com.retailintelligence.store.StoreIds;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The store-floor display page: plain HTML, CSS and JavaScript, no build step. The page itself is public;
 * the figures need the display token given in its URL ({@code ?token=…}), used for the REST call and the
 * WebSocket upgrades.
 */
@Path("/display")
@Tag(name = "display")
public class DisplayResource {

    private static final String PAGE = load();

    @GET
    @Path("{storeId}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A wall-screen page for one store: /display/{storeId}?token=<display token>")
    public Response page(@PathParam("storeId") String storeId) {
        // The page is the same for every store, but only a store id gets one: anything else is a wrong link.
        return StoreIds.isValid(storeId) ? Response.ok(PAGE, MediaType.TEXT_HTML_TYPE).build()
                : Problems.notFound("No store with id '" + storeId + "'.");
    }

    private static String load() {
        try (InputStream in = DisplayResource.class.getResourceAsStream("/display/display.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.retailintelligence.bench.bare;

import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** POST /bare/events: one traffic-shaped text message per event, sent to every open connection, answered 202 at once. */
@Path("/bare/events")
public class BareEvents {

    @Inject
    OpenConnections connections;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(String body) {
        for (Object element : new JsonArray(body)) {
            JsonObject event = (JsonObject) element;
            String message = new JsonObject()
                    .put("type", "traffic")
                    .put("storeId", event.getString("storeId"))
                    .put("eventId", event.getString("id"))
                    .put("sensorId", event.getString("sensorId"))
                    .put("timestamp", event.getString("timestamp"))
                    .put("in", event.getInteger("in", 0))
                    .put("out", event.getInteger("out", 0))
                    .put("visitorsToday", 0)
                    .put("occupancy", 0)
                    .encode();
            for (WebSocketConnection connection : connections) {
                connection.sendText(message).subscribe().with(ok -> { }, failure -> { });
            }
        }
        return Response.accepted().build();
    }
}

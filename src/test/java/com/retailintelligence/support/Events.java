package com.retailintelligence.support;

import static com.retailintelligence.support.Api.asAdmin;

import java.util.List;
import java.util.stream.Collectors;

import io.restassured.response.ValidatableResponse;

/** Builds and posts event batches for the ingest tests. */
public final class Events {

    private Events() {
    }

    public static String traffic(String id, String storeId, String timestamp, int in, int out) {
        return "{\"id\":\"" + id + "\",\"storeId\":\"" + storeId + "\",\"sensorId\":\"door-1\",\"timestamp\":\"" + timestamp
                + "\",\"in\":" + in + ",\"out\":" + out + "}";
    }

    public static String sale(String id, String storeId, String timestamp, String amount, String currency, String type) {
        return "{\"id\":\"" + id + "\",\"storeId\":\"" + storeId + "\",\"timestamp\":\"" + timestamp + "\",\"amount\":\""
                + amount + "\",\"currency\":\"" + currency + "\",\"items\":1,\"type\":\"" + type + "\"}";
    }

    public static String batch(List<String> events) {
        return events.stream().collect(Collectors.joining(",", "[", "]"));
    }

    public static ValidatableResponse postTraffic(String body) {
        return asAdmin().body(body).when().post("/api/v1/traffic/events").then();
    }

    public static ValidatableResponse postSales(String body) {
        return asAdmin().body(body).when().post("/api/v1/sales/events").then();
    }

    /** Creates a store through the API. */
    public static void createStore(String id, String timezone, String currency) {
        asAdmin().body("{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"timezone\":\"" + timezone + "\",\"currency\":\""
                + currency + "\"}").post("/api/v1/stores").then().statusCode(201);
    }
}

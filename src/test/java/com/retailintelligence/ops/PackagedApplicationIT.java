package com.retailintelligence.ops;

import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged jar (prod profile), configured only through DATABASE_URL, REDIS_URL and the admin password:
 * migrates an empty database and serves the API, health, OpenAPI and metrics.
 */
@QuarkusIntegrationTest
class PackagedApplicationIT {

    @Test
    void servesTheStoresApiOnAFreshDatabase() {
        String id = uniqueStoreId("it-tokyo");
        asAdmin().body("{\"id\":\"" + id + "\",\"name\":\"Ginza\",\"timezone\":\"Asia/Tokyo\",\"capacity\":80}")
                .post("/api/v1/stores").then().statusCode(201);
        asAdmin().get("/api/v1/stores/" + id).then().statusCode(200).body("timezone", equalTo("Asia/Tokyo"));

        asAdmin().body("{\"id\":\"" + uniqueStoreId("it") + "\",\"name\":\"x\",\"timezone\":\"Nowhere/City\"}")
                .post("/api/v1/stores").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("timezone"));
        asAdmin().body("{\"id\":\"Not_A_Slug\",\"name\":\"x\",\"timezone\":\"UTC\"}")
                .post("/api/v1/stores").then().statusCode(400).body("errors.field", hasItem("id"));
        asAdmin().body("{\"id\":\"" + uniqueStoreId("it") + "\",\"name\":\"x\",\"timezone\":\"UTC\",\"capacity\":-1}")
                .post("/api/v1/stores").then().statusCode(400).body("errors.field", hasItem("capacity"));
        asAdmin().body("{\"id\":\"" + id + "\",\"name\":\"again\",\"timezone\":\"UTC\"}")
                .post("/api/v1/stores").then().statusCode(409).contentType("application/problem+json");
        given().get("/api/v1/stores").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void operationsEndpoints() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/stores"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}

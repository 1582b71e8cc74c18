package com.retailintelligence.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @Test
    void readinessCoversPostgresAndRedis() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"),
                        "checks.name", hasItems("Redis connection health check", "Reactive PostgreSQL connections health check"));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        given().when().get("/api/v1/stores").then().statusCode(401); // at least one request to be counted
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"))
                .body(containsString("retail_aggregates_sync_age_seconds"));
    }

    @Test
    void metricsTagRequestsWithRouteTemplatesNotRawPaths() {
        String odd = "odd-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        given().get("/api/v1/stores/" + odd).then().statusCode(401); // a route: tagged with its template
        given().get("/" + odd + "/x").then().statusCode(404);        // no route
        given().header("Authorization", "Bearer x").get("/nothing/" + odd).then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/v1/stores/" + odd + "%00").then().statusCode(400); // refused before routing
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(metrics.contains(odd), "a path a client made up is no metrics tag");
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("uri=\"/api/v1/stores/{id}\""), "templates are");
    }

    @Test
    void openApiListsTheStoresPaths() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/stores'", notNullValue(), "paths.'/api/v1/stores/{id}'", notNullValue(),
                        "paths.'/api/v1/auth/login'", notNullValue());
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void databaseUrlFromTheEnvironmentDrivesTheClient() {
        // LocalServices hands a throw-away database to the app through DATABASE_URL only.
        org.junit.jupiter.api.Assertions.assertTrue(reactiveUrl.matches("postgresql://127\\.0\\.0\\.1:5432/retail_test_\\w+"),
                reactiveUrl);
    }
}

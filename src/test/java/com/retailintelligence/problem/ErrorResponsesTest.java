package com.retailintelligence.problem;

import static com.retailintelligence.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every error a client can provoke is problem+json, without Java class names or stack traces. */
@QuarkusTest
class ErrorResponsesTest {

    private static final org.hamcrest.Matcher<String> NO_JAVA = allOf(not(containsString("java.")),
            not(containsString("Exception")), not(containsString("com.retailintelligence")), not(containsString("\tat ")));

    @Test
    void malformedJson() {
        asAdmin().body("{\"id\": \"x\",").when().post("/api/v1/stores")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400), "title", equalTo("Bad Request"), "instance", equalTo("/api/v1/stores"))
                .body(NO_JAVA);
    }

    @Test
    void jsonOfTheWrongShape() {
        asAdmin().body("[1,2,3]").when().post("/api/v1/stores")
                .then().statusCode(400).contentType("application/problem+json").body(NO_JAVA);
    }

    @Test
    void missingBody() {
        asAdmin().when().post("/api/v1/stores")
                .then().statusCode(400).contentType("application/problem+json").body(NO_JAVA);
    }

    @Test
    void wrongContentType() {
        asAdmin().contentType(ContentType.TEXT).body("hello").when().post("/api/v1/stores")
                .then().statusCode(415).contentType("application/problem+json").body(NO_JAVA);
    }

    @Test
    void bodyTooLarge() {
        String huge = "{\"id\":\"big\",\"name\":\"" + "x".repeat(1_100_000) + "\",\"timezone\":\"UTC\"}";
        asAdmin().body(huge).when().post("/api/v1/stores")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body(NO_JAVA);
    }

    @Test
    void unknownPath() {
        asAdmin().when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json").body(NO_JAVA);
    }

    @Test
    void methodNotAllowed() {
        asAdmin().when().patch("/api/v1/stores")
                .then().statusCode(405).contentType("application/problem+json").body(NO_JAVA);
    }

    @Test
    void unauthenticated() {
        given().when().get("/api/v1/stores")
                .then().statusCode(401).contentType("application/problem+json").body(NO_JAVA);
    }
}

package com.retailintelligence.auth;

import static com.retailintelligence.support.Api.adminToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.LocalServices;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

@QuarkusTest
class AuthResourceTest {

    @Test
    void loginAnswersAnOAuth2StyleToken() {
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"admin\",\"password\":\"" + LocalServices.ADMIN_PASSWORD + "\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("access_token", notNullValue(), "token_type", equalTo("Bearer"), "expires_in", equalTo(900));
    }

    @Test
    @SuppressWarnings("unchecked")
    void tokenCarriesIssuerAudienceExpiryAndGroups() throws Exception {
        String[] parts = adminToken().split("\\.");
        Map<String, Object> claims = new ObjectMapper().readValue(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), Map.class);
        assertEquals("retail-intelligence", claims.get("iss"));
        assertEquals("retail-intelligence-api", claims.get("aud"));
        assertEquals("admin", claims.get("upn"));
        assertEquals(List.of("admin"), claims.get("groups"));
        long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
        assertEquals(900, lifetime);
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        for (String body : new String[] { "{\"username\":\"admin\",\"password\":\"wrong\"}",
                "{\"username\":\"nobody\",\"password\":\"wrong\"}" }) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/auth/login")
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("detail", equalTo("Invalid username or password."));
        }
    }

    @Test
    void missingCredentialsAreAValidationError() {
        given().contentType(ContentType.JSON).body("{\"username\":\"\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("username", "password"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"username\": \"admin\", ")
                .when().post("/api/v1/auth/login")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("Malformed JSON"));
    }

    @Test
    void expiredTokenIsRejected() {
        String expired = Jwt.issuer("retail-intelligence").audience("retail-intelligence-api").upn("admin")
                .groups("admin").issuedAt(1_000_000L).expiresAt(1_000_600L).sign();
        given().header("Authorization", "Bearer " + expired)
                .when().get("/api/v1/stores")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        String foreign = Jwt.issuer("someone-else").audience("retail-intelligence-api").upn("admin")
                .groups("admin").expiresIn(600).sign();
        given().header("Authorization", "Bearer " + foreign).when().get("/api/v1/stores").then().statusCode(401);
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer("retail-intelligence").audience("retail-intelligence-api").upn("admin")
                .groups("admin").expiresIn(600).sign(generator.generateKeyPair().getPrivate());
        given().header("Authorization", "Bearer " + forged).when().get("/api/v1/stores").then().statusCode(401);
    }

    @jakarta.inject.Inject
    io.smallrye.jwt.auth.principal.JWTParser parser;

    @Test
    void verifiedTokensAreCachedOnlyUntilTheyExpire() {
        org.junit.jupiter.api.Assertions.assertTrue(parser instanceof CachingJwtParser, "the caching parser is in use");
        long now = System.currentTimeMillis() / 1000;
        String shortLived = Jwt.issuer("retail-intelligence").audience("retail-intelligence-api").upn("admin")
                .groups("admin").issuedAt(now).expiresAt(now + 2).sign();
        given().header("Authorization", "Bearer " + shortLived).when().get("/api/v1/stores").then().statusCode(200);
        given().header("Authorization", "Bearer " + shortLived).when().get("/api/v1/stores").then().statusCode(200);
        // Past its expiry (and the verifier's clock skew, 1 s in tests), the cached token is refused too.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                given().header("Authorization", "Bearer " + shortLived).when().get("/api/v1/stores").then().statusCode(401));
    }

    @Test
    void garbageTokenIsRejected() {
        given().header("Authorization", "Bearer not.a.jwt").when().get("/api/v1/stores")
                .then().statusCode(401).contentType("application/problem+json");
    }
}

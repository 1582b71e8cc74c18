package com.retailintelligence.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Helpers shared by the REST tests: tokens for the seeded admin and for users made on the fly. */
public final class Api {

    private Api() {
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    public static String adminToken() {
        return login("admin", LocalServices.ADMIN_PASSWORD);
    }

    public static RequestSpecification asAdmin() {
        return as(adminToken());
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Creates a user with the given roles (and no store) straight in PostgreSQL and returns a token for it. */
    public static String tokenForNewUser(Pool pool, String... roles) {
        return tokenForNewUser(pool, Set.of(), roles);
    }

    /** Creates a user with the given stores and roles straight in PostgreSQL and returns a token for it. */
    public static String tokenForNewUser(Pool pool, Set<String> stores, String... roles) {
        String username = "user-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO users (username, password_hash, roles, stores) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(username, BcryptUtil.bcryptHash(password), Set.of(roles).toArray(String[]::new),
                        stores.toArray(String[]::new)))
                .await().atMost(Duration.ofSeconds(10));
        return login(username, password);
    }

    public static String uniqueStoreId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

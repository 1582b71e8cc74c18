package com.retailintelligence.store;

import static com.retailintelligence.support.Api.as;
import static com.retailintelligence.support.Api.asAdmin;
import static com.retailintelligence.support.Api.uniqueStoreId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.access.Roles;
import com.retailintelligence.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class StoreResourceTest {

    @Inject
    Pool pool;

    private static String storeJson(String id, String timezone, Object capacity) {
        return "{\"id\":\"" + id + "\",\"name\":\"Store " + id + "\",\"timezone\":\"" + timezone + "\",\"capacity\":" + capacity + "}";
    }

    @Test
    void createThenReadBackInTokyo() {
        String id = uniqueStoreId("tokyo");
        asAdmin().body(storeJson(id, "Asia/Tokyo", 120))
                .when().post("/api/v1/stores")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/stores/" + id))
                .body("id", equalTo(id), "timezone", equalTo("Asia/Tokyo"), "capacity", equalTo(120),
                        "createdAt", notNullValue());

        asAdmin().when().get("/api/v1/stores/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id), "name", equalTo("Store " + id), "timezone", equalTo("Asia/Tokyo"),
                        "capacity", equalTo(120));
        asAdmin().when().get("/api/v1/stores").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void capacityIsOptional() {
        String id = uniqueStoreId("nocap");
        asAdmin().body("{\"id\":\"" + id + "\",\"name\":\"No cap\",\"timezone\":\"UTC\"}")
                .when().post("/api/v1/stores")
                .then().statusCode(201).body("capacity", nullValue());
    }

    @Test
    void duplicateIdIsAConflict() {
        String id = uniqueStoreId("dup");
        asAdmin().body(storeJson(id, "Europe/Lisbon", 10)).post("/api/v1/stores").then().statusCode(201);
        asAdmin().body(storeJson(id, "Europe/Paris", 20))
                .when().post("/api/v1/stores")
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409), "detail", equalTo("A store with id '" + id + "' already exists."));
        asAdmin().get("/api/v1/stores/" + id).then().body("timezone", equalTo("Europe/Lisbon"));
    }

    @Test
    void unknownTimeZoneNamesTheField() {
        String id = uniqueStoreId("tz");
        asAdmin().body(storeJson(id, "Mars/Olympus_Mons", 10))
                .when().post("/api/v1/stores")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("timezone"));
        asAdmin().get("/api/v1/stores/" + id).then().statusCode(404);
    }

    @Test
    void offsetsAreNotTimeZones() {
        asAdmin().body(storeJson(uniqueStoreId("tz"), "+01:00", 10))
                .when().post("/api/v1/stores")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("timezone"));
    }

    @Test
    void badSlugNamesTheField() {
        for (String bad : new String[] { "Upper-Case", "-leading-hyphen", "has space", "under_score", "x".repeat(65) }) {
            asAdmin().body(storeJson(bad, "UTC", 10))
                    .when().post("/api/v1/stores")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("id"));
        }
    }

    @Test
    void nonPositiveCapacityNamesTheField() {
        for (int bad : new int[] { -5, 0 }) {
            asAdmin().body(storeJson(uniqueStoreId("cap"), "UTC", bad))
                    .when().post("/api/v1/stores")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", containsInAnyOrder("capacity"));
        }
    }

    @Test
    void everyInvalidFieldIsListed() {
        asAdmin().body("{\"id\":\"Bad Id\",\"name\":\"\",\"timezone\":\"Nowhere\",\"capacity\":-1}")
                .when().post("/api/v1/stores")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("id", "name", "timezone", "capacity"));
    }

    @Test
    void missingRequiredFieldsAreListed() {
        asAdmin().body("{}")
                .when().post("/api/v1/stores")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("id", "name", "timezone"));
    }

    @Test
    void wrongJsonTypeNamesTheFieldWithoutJavaTypes() {
        asAdmin().body("{\"id\":\"x\",\"name\":\"x\",\"timezone\":\"UTC\",\"capacity\":\"many\"}")
                .when().post("/api/v1/stores")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("capacity"), "detail", equalTo("capacity: must be an integer"));
    }

    @Test
    void updateReplacesTheEditableFields() {
        String id = uniqueStoreId("upd");
        asAdmin().body(storeJson(id, "UTC", 10)).post("/api/v1/stores").then().statusCode(201);
        asAdmin().body("{\"name\":\"Renamed\",\"timezone\":\"America/New_York\",\"capacity\":55}")
                .when().put("/api/v1/stores/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id), "name", equalTo("Renamed"), "timezone", equalTo("America/New_York"),
                        "capacity", equalTo(55));
        asAdmin().get("/api/v1/stores/" + id).then().body("name", equalTo("Renamed"));
    }

    @Test
    void anUpdateWithoutCurrencyKeepsIt() {
        String id = uniqueStoreId("cur");
        asAdmin().body("{\"id\":\"" + id + "\",\"name\":\"N\",\"timezone\":\"UTC\",\"currency\":\"USD\"}").post("/api/v1/stores")
                .then().statusCode(201);
        asAdmin().body("{\"name\":\"Renamed\",\"timezone\":\"UTC\"}").put("/api/v1/stores/" + id)
                .then().statusCode(200).body("currency", equalTo("USD"));
        // Before any sale the currency may still change.
        asAdmin().body("{\"name\":\"Renamed\",\"timezone\":\"UTC\",\"currency\":\"JPY\"}").put("/api/v1/stores/" + id)
                .then().statusCode(200).body("currency", equalTo("JPY"));
    }

    @Test
    void aStoreWithSalesKeepsItsCurrency() {
        String id = uniqueStoreId("cur");
        asAdmin().body("{\"id\":\"" + id + "\",\"name\":\"N\",\"timezone\":\"UTC\",\"currency\":\"EUR\"}").post("/api/v1/stores")
                .then().statusCode(201);
        com.retailintelligence.support.Events.postSales(com.retailintelligence.support.Events.batch(java.util.List.of(
                com.retailintelligence.support.Events.sale("s1", id, java.time.Instant.now().minusSeconds(60).toString(), "10.00", "EUR",
                        "sale")))).statusCode(200);
        // 10.00 EUR is 1000 cents; read as BHD (three decimals) it would be 1.000.
        asAdmin().body("{\"name\":\"N\",\"timezone\":\"UTC\",\"currency\":\"BHD\"}").put("/api/v1/stores/" + id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("EUR"));
        asAdmin().body("{\"name\":\"N2\",\"timezone\":\"UTC\",\"currency\":\"EUR\"}").put("/api/v1/stores/" + id)
                .then().statusCode(200).body("currency", equalTo("EUR"), "name", equalTo("N2"));
        asAdmin().get("/api/v1/stores/" + id).then().body("currency", equalTo("EUR"));
    }

    @Test
    void invalidUpdateChangesNothing() {
        String id = uniqueStoreId("upd");
        asAdmin().body(storeJson(id, "UTC", 10)).post("/api/v1/stores").then().statusCode(201);
        asAdmin().body("{\"name\":\"Renamed\",\"timezone\":\"Not/AZone\",\"capacity\":55}")
                .when().put("/api/v1/stores/" + id)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("timezone"));
        asAdmin().get("/api/v1/stores/" + id).then().body("name", equalTo("Store " + id), "capacity", equalTo(10));
    }

    @Test
    void unknownStoreIsNotFound() {
        asAdmin().get("/api/v1/stores/no-such-store")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No store with id 'no-such-store'."));
        asAdmin().body("{\"name\":\"x\",\"timezone\":\"UTC\"}").put("/api/v1/stores/no-such-store").then().statusCode(404);
        asAdmin().delete("/api/v1/stores/no-such-store").then().statusCode(404);
    }

    @Test
    void deleteAnEmptyStore() {
        String id = uniqueStoreId("del");
        asAdmin().body(storeJson(id, "UTC", 10)).post("/api/v1/stores").then().statusCode(201);
        asAdmin().delete("/api/v1/stores/" + id).then().statusCode(204);
        asAdmin().get("/api/v1/stores/" + id).then().statusCode(404);
    }

    @Test
    void deleteAStoreWithDataNeedsForce() {
        String id = uniqueStoreId("data");
        asAdmin().body(storeJson(id, "UTC", 10)).post("/api/v1/stores").then().statusCode(201);
        com.retailintelligence.support.Sql.query(pool, "INSERT INTO traffic_events "
                + "(store_id, event_id, sensor_id, occurred_at, in_count, out_count) VALUES ($1, 'e1', 'door-1', $2, 3, 1)",
                id, OffsetDateTime.now());

        asAdmin().delete("/api/v1/stores/" + id)
                .then().statusCode(409).contentType("application/problem+json");
        asAdmin().get("/api/v1/stores/" + id).then().statusCode(200);

        asAdmin().queryParam("force", true).delete("/api/v1/stores/" + id).then().statusCode(204);
        asAdmin().get("/api/v1/stores/" + id).then().statusCode(404);
        long left = com.retailintelligence.support.Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1", id);
        org.junit.jupiter.api.Assertions.assertEquals(0, left);
    }

    @Test
    void noTokenIsUnauthorized() {
        given().contentType(ContentType.JSON).body(storeJson(uniqueStoreId("anon"), "UTC", 1))
                .when().post("/api/v1/stores")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
        given().when().get("/api/v1/stores").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/v1/stores/any").then().statusCode(401);
    }

    @Test
    void viewerCanReadButNotWrite() {
        String viewer = Api.tokenForNewUser(pool, Roles.VIEWER);
        as(viewer).get("/api/v1/stores").then().statusCode(200);
        as(viewer).body(storeJson(uniqueStoreId("viewer"), "UTC", 1))
                .when().post("/api/v1/stores")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        as(viewer).delete("/api/v1/stores/whatever").then().statusCode(403);
    }
}

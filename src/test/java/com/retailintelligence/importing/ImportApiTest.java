package com.retailintelligence.importing;

import static com.retailintelligence.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.RawHttp;
import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * POST /api/v1/imports and GET /api/v1/imports/{id}: an uploaded CSV imports in the background with its progress,
 * refused rows and summary readable at the job's URL, and the start is audited; bad forms get 400 problem+json
 * naming the field, and nothing is imported; an unknown job is 404; only administrators may import.
 */
@QuarkusTest
class ImportApiTest {

    @Inject
    Pool pool;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    @Test
    void anUploadedCsvImportsInTheBackgroundAndItsJobSaysHowItWent() throws Exception {
        String store = Api.uniqueStoreId("imp");
        asAdmin().body("{\"id\":\"" + store + "\",\"name\":\"Import\",\"timezone\":\"Europe/Berlin\"}").post("/api/v1/stores").then().statusCode(201);
        Path csv = Files.createTempFile("upload", ".csv");
        Files.writeString(csv, "sensorId;timestamp;in;out\n"
                + "door;2026-03-01 10:15;4;1\n"
                + "door;2026-03-01 10:16;x;1\n"
                + "door;2026-03-01 10:17;2;2\n", StandardCharsets.UTF_8);
        String header = given().auth().oauth2(Api.adminToken()).multiPart("file", csv.toFile(), "text/csv").multiPart("kind", "traffic")
                .multiPart("store", store).post("/api/v1/imports")
                .then().statusCode(202).body("format", equalTo("csv")).body("kind", equalTo("traffic"))
                .extract().header("Location");
        String location = java.net.URI.create(header).getPath();
        assertTrue(location.startsWith("/api/v1/imports/"), location);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "succeeded".equals(asAdmin().get(location).then().extract().path("status")));
        JsonPath job = asAdmin().get(location).then().statusCode(200).extract().jsonPath();
        assertEquals(3, job.getLong("read"));
        assertEquals(2, job.getLong("imported"));
        assertEquals(1, job.getLong("rejected"));
        assertEquals(Map.of("file", csv.getFileName().toString(), "row", 3, "reason", "in: must be a whole number from 0 to 2147483647"),
                job.getMap("rejections[0]"));
        assertTrue(job.getString("detail").contains("2 imported"), job.getString("detail"));
        // 10:15 in Berlin (the store's zone: the form gave none) is 09:15 UTC.
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM traffic_events WHERE store_id = $1 AND occurred_at = '2026-03-01T09:15:00Z'", store));
        asAdmin().get("/api/v1/imports").then().statusCode(200).body("id", hasItem(job.getString("id")));
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM audit_log WHERE action = 'import.start' AND detail LIKE $1", "id=" + job.getString("id") + "%"));
    }

    @Test
    void badFormsAreRefusedNamingTheFieldAndNothingIsImported() throws Exception {
        Path csv = Files.createTempFile("bad", ".csv");
        Files.writeString(csv, "storeId,sensorId,timestamp,in,out\n");
        long jobs = Sql.count(pool, "SELECT count(*) FROM imports");
        String admin = Api.adminToken();
        given().auth().oauth2(admin).multiPart("kind", "traffic").post("/api/v1/imports")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("file"));
        given().auth().oauth2(admin).multiPart("file", csv.toFile(), "text/csv").post("/api/v1/imports")
                .then().statusCode(400).body("errors[0].field", equalTo("kind")).body("errors[0].message", containsString("required for a CSV"));
        given().auth().oauth2(admin).multiPart("file", csv.toFile(), "text/csv").multiPart("kind", "footfall").post("/api/v1/imports")
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(admin).multiPart("file", csv.toFile(), "text/csv").multiPart("kind", "traffic").multiPart("timezone", "Mars/Olympus")
                .multiPart("strict", "maybe").multiPart("column", "in").multiPart("column", "entered=in").post("/api/v1/imports")
                .then().statusCode(400).body("errors.field", hasItem("timezone")).body("errors.field", hasItem("strict"))
                .body("errors.field", hasItem("column")).body("errors.message", hasItem(containsString("'entered' is not a traffic field")));
        Path mapping = Files.createTempFile("mapping", ".yaml");
        Files.writeString(mapping, "trafic:\n  table: counts\n");
        given().auth().oauth2(admin).multiPart("file", csv.toFile(), "text/csv").multiPart("kind", "traffic").multiPart("mapping", mapping.toFile())
                .post("/api/v1/imports").then().statusCode(400).body("errors[0].field", equalTo("mapping"))
                .body("errors[0].message", containsString("unknown key 'trafic'"));
        given().auth().oauth2(admin).contentType("application/json").body("{}").post("/api/v1/imports").then().statusCode(415);
        assertEquals(jobs, Sql.count(pool, "SELECT count(*) FROM imports"));
    }

    @Test
    void anUploadOverTheLimitIsRefusedBeforeItIsRead() {
        RawHttp.Answer answer = new RawHttp(base.getHost(), base.getPort()).send(RawHttp.request("POST", "/api/v1/imports", Map.of("Host", "localhost",
                "Authorization", "Bearer " + Api.adminToken(), "Content-Type", "multipart/form-data; boundary=x",
                "Content-Length", Long.toString(600L * 1024 * 1024)), null));
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.body().contains("larger than the limit of " + 512L * 1024 * 1024 + " bytes"), answer.body());
    }

    @Test
    void anUnknownJobIsNotFound() {
        asAdmin().get("/api/v1/imports/" + java.util.UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        asAdmin().get("/api/v1/imports/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyAdministratorsMayImport() throws Exception {
        Path csv = Files.createTempFile("viewer", ".csv");
        Files.writeString(csv, "storeId,sensorId,timestamp,in,out\n");
        String manager = Api.tokenForNewUser(pool, java.util.Set.of(), "manager");
        given().auth().oauth2(manager).multiPart("file", csv.toFile(), "text/csv").multiPart("kind", "traffic").post("/api/v1/imports")
                .then().statusCode(403).contentType("application/problem+json");
        given().multiPart("file", csv.toFile(), "text/csv").post("/api/v1/imports").then().statusCode(401);
    }
}

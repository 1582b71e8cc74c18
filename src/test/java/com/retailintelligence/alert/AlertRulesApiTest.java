package com.retailintelligence.alert;

import static com.retailintelligence.support.Api.as;
import static com.retailintelligence.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.Api;
import com.retailintelligence.support.LogCapture;
import com.retailintelligence.support.Sql;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The alert rules' REST API: create, read, replace and delete for managers of the store and admins, defaults, every kind
 * of bad rule answered 400 naming the field with nothing stored, other stores 404, other roles 403, changes audited.
 */
@QuarkusTest
class AlertRulesApiTest {

    @Inject
    Pool pool;

    private static String newStore(Integer capacity) {
        String id = Api.uniqueStoreId("rules");
        asAdmin().body("{\"id\":\"" + id + "\",\"name\":\"Rules " + id + "\",\"timezone\":\"Europe/Berlin\""
                + (capacity == null ? "" : ",\"capacity\":" + capacity) + "}").post("/api/v1/stores").then().statusCode(201);
        return id;
    }

    @Test
    void aManagerCreatesReadsReplacesAndDeletesRulesAndEachChangeIsAudited() {
        String store = newStore(120);
        String manager = Api.tokenForNewUser(pool, Set.of(store), "manager");
        String path = "/api/v1/stores/" + store + "/alert-rules";
        int id = as(manager).body("{\"type\":\"occupancy\",\"percent\":90,\"resolvePercent\":75,\"severity\":\"warning\","
                + "\"cooldown\":\"PT15M\",\"quietHours\":{\"from\":\"22:00\",\"to\":\"07:00\"},\"enabled\":true}")
                .post(path).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(path + "/"))
                .body("type", equalTo("occupancy")).body("percent", equalTo(90)).body("resolvePercent", equalTo(75))
                .body("quietHours.from", equalTo("22:00")).body("quietHours.to", equalTo("07:00")).body("storeId", equalTo(store))
                .extract().path("id");
        // Defaults: warning, 15 minutes, enabled, no quiet hours; consecutive 2 for an anomaly rule.
        as(manager).body("{\"type\":\"traffic-anomaly\",\"windowMinutes\":30,\"factor\":2}").post(path).then().statusCode(201)
                .body("severity", equalTo("warning")).body("cooldown", equalTo("PT15M")).body("enabled", equalTo(true))
                .body("consecutive", equalTo(2)).body("quietHours", equalTo(null));
        as(manager).body("{\"type\":\"sensor-silent\",\"minutes\":20,\"severity\":\"critical\"}").post(path).then().statusCode(201);
        as(manager).body("{\"type\":\"pos-silent\",\"minutes\":15,\"minVisitors\":10}").post(path).then().statusCode(201);
        as(manager).body("{\"type\":\"conversion-drop\",\"percent\":12.5,\"minVisitors\":40}").post(path).then().statusCode(201)
                .body("percent", equalTo(12.5f));
        as(manager).get(path).then().statusCode(200).body("", hasSize(5)).body("[0].id", equalTo(id));
        as(manager).get(path + "/" + id).then().statusCode(200).body("percent", equalTo(90));

        // A bad replacement changes nothing.
        as(manager).body("{\"type\":\"occupancy\",\"percent\":95,\"minutes\":3}").put(path + "/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("minutes"));
        as(manager).get(path + "/" + id).then().statusCode(200).body("percent", equalTo(90)).body("severity", equalTo("warning"));
        as(manager).body("{\"type\":\"occupancy\",\"percent\":95,\"severity\":\"critical\",\"enabled\":false}").put(path + "/" + id)
                .then().statusCode(200).body("percent", equalTo(95)).body("resolvePercent", equalTo(85))
                .body("severity", equalTo("critical")).body("enabled", equalTo(false));
        as(manager).delete(path + "/" + id).then().statusCode(204);
        as(manager).get(path + "/" + id).then().statusCode(404).contentType("application/problem+json");
        as(manager).delete(path + "/" + id).then().statusCode(404);
        as(manager).get(path).then().body("", hasSize(4));

        for (String action : List.of("alert-rule.create", "alert-rule.replace", "alert-rule.delete")) {
            assertTrue(Sql.count(pool, "SELECT count(*) FROM audit_log WHERE action = $1 AND target = $2 AND result = 'success'",
                    action, store) >= 1, action + " audited");
        }
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM audit_log WHERE action = 'alert-rule.delete' AND target = $1 AND detail = $2",
                store, "rule " + id));
    }

    @Test
    void badRulesAre400NamingTheFieldAndStoreNothing() {
        String store = newStore(100);
        String noCapacity = newStore(null);
        String path = "/api/v1/stores/" + store + "/alert-rules";
        List<String[]> cases = List.of(
                new String[] { "{}", "type" },
                new String[] { "{\"type\":\"flood\"}", "type" },
                new String[] { "{\"type\":7}", "type" },
                new String[] { "{\"type\":\"occupancy\"}", "percent" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":\"90\"}", "percent" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":0}", "percent" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"resolvePercent\":95}", "resolvePercent" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"minutes\":5}", "minutes" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"colour\":\"red\"}", "colour" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"severity\":\"fatal\"}", "severity" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"cooldown\":\"15 minutes\"}", "cooldown" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"cooldown\":\"P30D\"}", "cooldown" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"cooldown\":\"-PT1M\"}", "cooldown" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"quietHours\":{\"from\":\"22:00\"}}", "quietHours.to" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"quietHours\":{\"from\":\"25:00\",\"to\":\"07:00\"}}", "quietHours.from" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"quietHours\":{\"from\":\"07:00\",\"to\":\"07:00\"}}", "quietHours.to" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"quietHours\":\"nights\"}", "quietHours" },
                new String[] { "{\"type\":\"occupancy\",\"percent\":90,\"enabled\":\"yes\"}", "enabled" },
                new String[] { "{\"type\":\"sensor-silent\"}", "minutes" },
                new String[] { "{\"type\":\"sensor-silent\",\"minutes\":0}", "minutes" },
                new String[] { "{\"type\":\"sensor-silent\",\"minutes\":2.5}", "minutes" },
                new String[] { "{\"type\":\"pos-silent\",\"minutes\":10}", "minVisitors" },
                new String[] { "{\"type\":\"traffic-anomaly\",\"windowMinutes\":20,\"factor\":2}", "windowMinutes" },
                new String[] { "{\"type\":\"traffic-anomaly\",\"windowMinutes\":15,\"factor\":1}", "factor" },
                new String[] { "{\"type\":\"traffic-anomaly\",\"windowMinutes\":15,\"factor\":2,\"consecutive\":0}", "consecutive" },
                new String[] { "{\"type\":\"conversion-drop\",\"percent\":150,\"minVisitors\":10}", "percent" },
                new String[] { "[]", "" });
        try (LogCapture log = LogCapture.start()) {
            for (String[] bad : cases) {
                asAdmin().body(bad[0]).post(path).then().statusCode(400).contentType("application/problem+json")
                        .body("errors.field", hasItem(bad[1]));
            }
            asAdmin().body("{\"type\":\"occupancy\",\"percent\":90}").post("/api/v1/stores/" + noCapacity + "/alert-rules").then()
                    .statusCode(400).body("errors.field", hasItem("percent"));
            asAdmin().body("{\"type\":").post(path).then().statusCode(400).contentType("application/problem+json");
            asAdmin().body("{\"type\":\"sensor-silent\",\"minutes\":5}").put(path + "/abc").then().statusCode(404);
            asAdmin().body("{\"type\":\"sensor-silent\",\"minutes\":5}").put(path + "/999999999").then().statusCode(404);
            asAdmin().delete(path + "/-1").then().statusCode(404);
            asAdmin().contentType("text/plain").body("hello").post(path).then().statusCode(415);
            assertEquals(List.of(), log.errorsAndStackTraces());
        }
        assertEquals(0, Sql.count(pool, "SELECT count(*) FROM alert_rules WHERE store_id = ANY($1)",
                (Object) new String[] { store, noCapacity }));
    }

    @Test
    void otherStoresAre404AndOnlyManagersAndAdminsMayTouchRules() {
        String a = newStore(100);
        String b = newStore(100);
        String managerOfA = Api.tokenForNewUser(pool, Set.of(a), "manager");
        String viewerOfA = Api.tokenForNewUser(pool, Set.of(a), "viewer");
        String display = Api.tokenForNewUser(pool, Set.of(a), "display");
        int ruleOfB = asAdmin().body("{\"type\":\"sensor-silent\",\"minutes\":5}").post("/api/v1/stores/" + b + "/alert-rules")
                .then().statusCode(201).extract().path("id");
        String pathB = "/api/v1/stores/" + b + "/alert-rules";
        as(managerOfA).get(pathB).then().statusCode(404).contentType("application/problem+json");
        as(managerOfA).body("{\"type\":\"sensor-silent\",\"minutes\":5}").post(pathB).then().statusCode(404);
        as(managerOfA).body("{\"type\":\"sensor-silent\",\"minutes\":5}").put(pathB + "/" + ruleOfB).then().statusCode(404);
        as(managerOfA).delete(pathB + "/" + ruleOfB).then().statusCode(404);
        // A rule of B is not found under A either.
        as(managerOfA).get("/api/v1/stores/" + a + "/alert-rules/" + ruleOfB).then().statusCode(404);
        as(managerOfA).delete("/api/v1/stores/" + a + "/alert-rules/" + ruleOfB).then().statusCode(404);
        as(viewerOfA).get("/api/v1/stores/" + a + "/alert-rules").then().statusCode(403);
        as(display).body("{\"type\":\"sensor-silent\",\"minutes\":5}").post("/api/v1/stores/" + a + "/alert-rules").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/stores/" + a + "/alert-rules").then().statusCode(401);
        asAdmin().get(pathB).then().statusCode(200).body("", hasSize(1));
        assertEquals(1, Sql.count(pool, "SELECT count(*) FROM alert_rules WHERE id = $1", (long) ruleOfB));
    }
}

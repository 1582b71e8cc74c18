package com.retailintelligence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.JwtKeyFiles;
import com.retailintelligence.support.PackagedInstances;
import com.retailintelligence.support.ServiceProcess;

/**
 * The JWT key rotation of docs/operations.md, as a rolling update goes through it: replicas at each step share one
 * database, and tokens signed with the old key keep working until the last step takes the old key out of the set.
 */
class JwtKeyRotationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN_PASSWORD = "key-rotation";

    private static PackagedInstances instances;

    @AfterAll
    static void stopThem() throws Exception {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void tokensOfTheOldKeyStayValidThroughTheRotationAndEndWithIt() throws Exception {
        JwtKeyFiles oldKey = JwtKeyFiles.create();
        JwtKeyFiles newKey = JwtKeyFiles.create();
        Map<String, JwtKeyFiles> both = new LinkedHashMap<>();
        both.put("retail-1", oldKey);
        both.put("retail-2", newKey);
        Path bothKeys = JwtKeyFiles.jwks(both);
        Path newOnly = JwtKeyFiles.jwks(Map.of("retail-2", newKey));

        // Before: one key pair, PEM files.
        instances = PackagedInstances.start("keyrotation", 1, ADMIN_PASSWORD, oldKey.environment());
        ServiceProcess before = instances.get(0);
        String oldToken = login(before);
        assertEquals("retail-1", keyId(oldToken));

        // Step 2: both public keys verify, the old key still signs. Step 3: the new key signs. Step 4: the old key is gone.
        ServiceProcess verifiesBoth = instances.launchAnother(oldKey.environment("retail-1", bothKeys));
        ServiceProcess signsNew = instances.launchAnother(newKey.environment("retail-2", bothKeys));
        ServiceProcess newKeyOnly = instances.launchAnother(newKey.environment("retail-2", newOnly));
        verifiesBoth.awaitReady();
        signsNew.awaitReady();
        newKeyOnly.awaitReady();

        assertEquals(200, storesStatus(verifiesBoth, oldToken), "step 2 accepts the old key's tokens");
        String newToken = login(signsNew);
        assertEquals("retail-2", keyId(newToken), "step 3 signs with the new key id");
        assertEquals(200, storesStatus(signsNew, oldToken), "step 3 still accepts the old key's tokens");
        assertEquals(200, storesStatus(verifiesBoth, newToken), "a step-2 replica accepts tokens of a step-3 replica");
        assertEquals(200, storesStatus(newKeyOnly, newToken), "step 4 accepts the new key's tokens");
        assertEquals(401, storesStatus(newKeyOnly, oldToken), "step 4 refuses the old key's tokens");
    }

    private static String login(ServiceProcess instance) throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(instance.uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        return JSON.readTree(login.body()).get("access_token").asText();
    }

    private static int storesStatus(ServiceProcess instance, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(instance.uri("/api/v1/stores")).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String keyId(String token) throws Exception {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        return JSON.readTree(header).path("kid").asText();
    }
}

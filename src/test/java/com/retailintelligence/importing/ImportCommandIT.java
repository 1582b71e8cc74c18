package com.retailintelligence.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.support.PackagedInstances;
import com.retailintelligence.support.ServiceProcess;

/**
 * The packaged jar's import command beside a running replica on the same database: it imports the old bot's file
 * (no port taken, the replica unaffected), reports the refused rows on stderr and the summary on stdout with exit
 * code 0, adds nothing the second time, and the replica serves the imported days at once; bad options exit 2 with
 * a message, and the jar with no arguments is still the service (the replica itself).
 */
class ImportCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PackagedInstances service;

    @BeforeAll
    static void startTheService() throws Exception {
        service = PackagedInstances.start("import-cli", 1, "import-cli-admin", Map.of());
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theCommandImportsBesideARunningReplicaAndAgainAddsNothing() throws Exception {
        LocalDate end = LegacyFixture.lastWhollyPastDay();
        LegacyFixture fixture = LegacyFixture.generate(Files.createTempDirectory("cli"), "cli", 1500, 300, 5, end);
        Result first = run("import", "--sqlite", fixture.file().toString());
        assertEquals(0, first.exit(), first.describe());
        assertTrue(first.out().contains("Imported cli.db: read 1,800 rows: 1,795 imported, 0 duplicates, 5 rejected"), first.describe());
        assertEquals(5, first.err().lines().filter(line -> line.startsWith("rejected cli.db:")).count(), first.describe());

        Result again = run("import", "--sqlite", fixture.file().toString());
        assertEquals(0, again.exit(), again.describe());
        assertTrue(again.out().contains("0 imported, 1,795 duplicates, 5 rejected"), again.describe());

        // The running replica serves an imported day (its figures from PostgreSQL and Redis, as for live data).
        String line = fixture.expectedDays().stream().filter(l -> l.startsWith("cli-01," + end + ",")).findFirst().orElseThrow();
        ServiceProcess replica = service.get(0);
        String token = JSON.readTree(post(replica, "/api/v1/auth/login", null, "{\"username\":\"admin\",\"password\":\"import-cli-admin\"}"))
                .get("access_token").asText();
        JsonNode summary = JSON.readTree(get(replica, "/api/v1/analytics/cli-01/summary?date=" + end, token));
        assertEquals(Long.parseLong(line.split(",")[2]), summary.path("figures").path("visitors").asLong(), summary.toString());
        assertEquals(List.of(), replica.errorLinesSince(0));
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() throws Exception {
        Result missing = run("import", "--csv", "/nonexistent.csv", "--kind", "traffic");
        assertEquals(2, missing.exit(), missing.describe());
        assertTrue(missing.err().contains("no such readable file"), missing.describe());
        Path csv = Files.createTempFile("cli", ".csv");
        Files.writeString(csv, "storeId,sensorId,timestamp,in,out\n");
        Result noKind = run("import", "--csv", csv.toString());
        assertEquals(2, noKind.exit(), noKind.describe());
        assertTrue(noKind.err().contains("--kind traffic or --kind sales"), noKind.describe());
        Path noTime = Files.createTempFile("cli", ".csv");
        Files.writeString(noTime, "storeId,sensorId,in,out\ncli-01,door,1,1\n");
        Result header = run("import", "--csv", noTime.toString(), "--kind", "traffic");
        assertEquals(2, header.exit(), header.describe());
        assertTrue(header.err().contains("the header has no column for timestamp"), header.describe());
        Result help = run("import", "--help");
        assertEquals(0, help.exit(), help.describe());
        assertTrue(help.out().contains("--sqlite"), help.describe());
    }

    private record Result(int exit, String out, String err) {
        String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(ServiceProcess.command());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("import-out", ".txt");
        Path err = Files.createTempFile("import-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(service.environment());
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the import command did not end within 180 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String post(ServiceProcess replica, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(replica.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String get(ServiceProcess replica, String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(replica.uri(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}

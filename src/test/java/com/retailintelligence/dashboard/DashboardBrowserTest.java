package com.retailintelligence.dashboard;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.retailintelligence.support.HeadlessChromium;
import com.retailintelligence.support.LocalServices;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The dashboard in a real browser: runs {@code src/test/browser/dashboard.test.mjs} (playwright-core driving
 * Debian's Chromium, {@code node --test}) against this test instance. Its output is in
 * {@code target/dashboard-browser.log}, the pages it visits in {@code target/dashboard-screenshots/}.
 */
@QuarkusTest
class DashboardBrowserTest {

    private static final Path TESTS = Path.of("src/test/browser");

    @TestHTTPResource("/")
    URI base;

    @Test
    void dashboardAndItsChartLibraryAreServedByTheServiceItself() {
        given().get("/").then().statusCode(200).contentType("text/html").body(containsString("/app/main.js"));
        given().get("/app/main.js").then().statusCode(200);
        given().get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200).body(containsString("Chart"));
    }

    @Test
    void dashboardPassesItsBrowserTests() throws Exception {
        Path chromium = HeadlessChromium.find();
        String node = onPath("node");
        if (chromium == null || node == null) {
            // CI installs Chromium (.ci/run) and has Node; a developer machine without them skips this test.
            Assumptions.assumeFalse(System.getenv("CI") == null, "Chromium or Node.js is not installed");
            throw new AssertionError("Chromium and Node.js are required in CI; found chromium=" + chromium + ", node=" + node);
        }
        if (!Files.isDirectory(TESTS.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Path.of("target/dashboard-npm.log"), 300);
        }
        Path shots = Files.createDirectories(Path.of("target/dashboard-screenshots"));
        Path log = Path.of("target/dashboard-browser.log");
        ProcessBuilder tests = new ProcessBuilder(node, "--test", "--test-reporter=spec", "dashboard.test.mjs");
        tests.environment().putAll(java.util.Map.of("BASE_URL", base.toString(), "ADMIN_PASSWORD", LocalServices.ADMIN_PASSWORD,
                "CHROMIUM", chromium.toString(), "SCREENSHOTS", shots.toAbsolutePath().toString()));
        int exit = run(tests.command(), log, 600, tests);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertEquals(0, exit, "the dashboard's browser tests failed:\n" + output);
    }

    private static int run(List<String> command, Path log, int timeoutSeconds) throws IOException, InterruptedException {
        int exit = run(command, log, timeoutSeconds, new ProcessBuilder(command));
        if (exit != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
        return exit;
    }

    private static int run(List<String> command, Path log, int timeoutSeconds, ProcessBuilder builder)
            throws IOException, InterruptedException {
        builder.directory(TESTS.toFile()).redirectErrorStream(true).redirectOutput(log.toAbsolutePath().toFile());
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return process.exitValue();
    }

    private static String onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(folder, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}

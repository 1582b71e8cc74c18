package com.retailintelligence.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged jar refuses to start on a bad connection URL with one line that names the variable. */
class StartupConfigIT {

    @ParameterizedTest
    @CsvSource({
            "DATABASE_URL, postgresql://user:hunter2@db:notaport/retail",
            "DATABASE_URL, mysql://user:hunter2@db/retail",
            "REDIS_URL, http://user:hunter2@cache:6379",
            "REDIS_URL, 'redis://user:hunter2@n1:7000,redis://n2:7000/3'",
            "REDIS_URL, 'redis+cluster://user:hunter2@n1:7000,'",
            "DATABASE_MIGRATION_URL, postgresql://owner:hunter2@db:notaport/retail",
            "DATABASE_MIGRATION_URL, mysql://owner:hunter2@db/retail" })
    void badUrlFailsStartupWithOneLine(String variable, String value) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true);
        builder.environment().put(variable, value);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the service should exit by itself");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertNotEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().filter(line -> line.contains(variable)).toList();
        assertEquals(1, lines.size(), output);
        assertTrue(lines.get(0).startsWith(variable + " is invalid: "), output);
        assertFalse(output.contains("hunter2"), "the password must not be printed");
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
    }
}

package com.retailintelligence.importing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A SQLite file in the old bot's layout, made by scripts/legacy-db.py (the same script the benchmark uses), with the
 * bad rows it planted and the daily figures it computed by SQL over the file.
 */
record LegacyFixture(Path file, List<String> badRows, List<String> expectedDays) {

    /**
     * The latest date whose opening hours are over in every zone the script uses: the day before yesterday in UTC
     * (a New York store's day runs until 02:00 UTC the next day, and no timestamp may lie in the future).
     */
    static LocalDate lastWhollyPastDay() {
        return LocalDate.now(ZoneOffset.UTC).minusDays(2);
    }

    /** Generates a file of {@code traffic} + {@code sales} rows over {@code days} days ending {@code end}, with 5 bad rows. */
    static LegacyFixture generate(Path dir, String prefix, int traffic, int sales, int days, LocalDate end)
            throws IOException, InterruptedException {
        Path file = dir.resolve(prefix + ".db");
        Path expected = dir.resolve(prefix + "-expected.csv");
        Process process = new ProcessBuilder("python3", Path.of("scripts/legacy-db.py").toAbsolutePath().toString(), file.toString(),
                "--stores", "3", "--traffic", Integer.toString(traffic), "--sales", Integer.toString(sales), "--days", Integer.toString(days),
                "--end", end.toString(), "--bad", "5", "--prefix", prefix, "--expected", expected.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("scripts/legacy-db.py failed: " + out);
        }
        List<String> bad = new ArrayList<>();
        out.lines().filter(line -> line.startsWith("BAD ")).forEach(bad::add);
        List<String> lines = Files.readAllLines(expected);
        return new LegacyFixture(file, bad, lines.subList(1, lines.size()));
    }
}

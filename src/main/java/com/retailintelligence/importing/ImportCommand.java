package com.retailintelligence.importing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar quarkus-run.jar import --sqlite old-bot.db | --csv file.csv --kind traffic|sales}: one import, its
 * progress on the terminal (ImportTerminal), every refused row on stderr, the summary on stdout. Exit code 0: done,
 * even with refused rows; 1: stopped (strict, or the database failed); 2: it could not start (bad options, file,
 * mapping or header).
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Imports history into the service's database: the old bot's SQLite file (stores, traffic, sales, "
                + "chat users) or a CSV export of traffic or sales. Rows already imported are skipped, refused rows are "
                + "reported with their file, row and reason. See docs/legacy-import.md." })
public class ImportCommand implements Callable<Integer> {

    @Option(names = "--sqlite", paramLabel = "FILE", description = "The old bot's SQLite database.")
    Path sqlite;

    @Option(names = "--csv", paramLabel = "FILE", description = "A CSV file of traffic or sales (with --kind).")
    Path csv;

    @Option(names = "--kind", paramLabel = "traffic|sales", description = "What the CSV holds.")
    String kind;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Tables and columns of the source (YAML); default: the layout of docs/legacy-import.md.")
    Path mapping;

    @Option(names = "--column", paramLabel = "FIELD=NAME", description = "CSV: our field FIELD is in the column NAME (repeatable), e.g. in=entered.")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--timezone", paramLabel = "ZONE", description = "The zone of timestamps written without an offset; default: each store's own.")
    String timezone;

    @Option(names = "--store", paramLabel = "ID", description = "The store of rows that name none.")
    String store;

    @Option(names = "--strict", description = "Stop at the first refused row.")
    boolean strict;

    @Option(names = "--print-default-mapping", description = "Print the default mapping (YAML) and exit.")
    boolean printMapping;

    @Inject
    Importer importer;

    @Override
    public Integer call() {
        if (printMapping) {
            System.out.print(ImportMapping.defaultText());
            return 0;
        }
        ImportRequest request;
        try {
            request = request();
        } catch (ImportException e) {
            System.err.println("import: " + e.getMessage());
            return 2;
        }
        ImportTerminal terminal = new ImportTerminal(System.console() != null, System.err);
        ImportProgress progress = new ImportProgress(terminal::rejected);
        terminal.start(progress);
        ImportSummary summary;
        try {
            summary = importer.run(request, progress);
        } finally {
            terminal.stop();
        }
        if (summary.notStarted()) {
            System.err.println("import: " + summary.failure());
            return 2;
        }
        System.out.println((summary.succeeded() ? "Imported " : "Import stopped: ") + request.name() + ": " + summary.describe());
        return summary.succeeded() ? 0 : 1;
    }

    private ImportRequest request() {
        if ((sqlite == null) == (csv == null)) {
            throw new ImportException("give one of --sqlite FILE or --csv FILE (see --help)");
        }
        Path file = sqlite != null ? sqlite : csv;
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ImportException(file + ": no such readable file");
        }
        ImportKind parsedKind = null;
        if (csv != null) {
            parsedKind = ImportKind.parse(kind);
            if (parsedKind == null) {
                throw new ImportException("a CSV import needs --kind traffic or --kind sales");
            }
            if (SqliteFile.isSqlite(csv)) {
                throw new ImportException(csv + " is a SQLite database: import it with --sqlite");
            }
        } else if (!SqliteFile.isSqlite(sqlite)) {
            throw new ImportException(sqlite + " is not a SQLite database file");
        }
        ZoneId zone = null;
        if (timezone != null) {
            try {
                zone = ZoneId.of(timezone);
            } catch (DateTimeException e) {
                throw new ImportException("--timezone: '" + timezone + "' is not an IANA time zone such as Europe/Lisbon");
            }
        }
        if (mapping != null && !Files.isReadable(mapping)) {
            throw new ImportException(mapping + ": no such readable mapping file");
        }
        return new ImportRequest(file, file.getFileName().toString(), mapping == null ? null : ImportMapping.read(mapping), parsedKind,
                columns, zone, store, strict, "system");
    }
}

package com.retailintelligence.importing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * A CSV export read with Jackson's CSV parser: a UTF-8 BOM skipped, the separator (',', ';' or tab) taken from the
 * header line, quoted fields. The header names the columns; each of our fields is found under the column the
 * mapping names, else under its own name (case and '_' ignored: storeId, store_id, STORE_ID), else it is absent.
 */
final class CsvRowSource implements RowSource {

    private static final CsvMapper CSV = new CsvMapper();

    private final ImportKind kind;
    private final String file;
    private final MappingIterator<String[]> rows;
    private final Map<String, Integer> fieldColumns;
    private final long total;
    private long row = 1; // the header

    CsvRowSource(Path path, String displayName, ImportKind kind, Map<String, String> columnsByField, boolean storeGiven) throws IOException {
        this.kind = kind;
        this.file = displayName;
        this.total = countLines(path) - 1;
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        String[] header;
        try {
            skipBom(in);
            char separator = separatorOf(path);
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"').withoutEscapeChar();
            // Blank lines are not skipped by the parser but in next(), so that row numbers stay the spreadsheet's.
            this.rows = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY).with(schema).readValues(reader);
            if (!rows.hasNextValue()) {
                throw new ImportException(displayName + " is empty: a header line naming the columns is needed");
            }
            header = rows.nextValue();
            this.fieldColumns = resolve(displayName, kind, header, columnsByField);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e instanceof ImportException known ? known : new ImportException(displayName + ": the header cannot be read as CSV ("
                    + e.getMessage() + ")");
        }
        List<String> missing = new ArrayList<>();
        for (String field : kind == ImportKind.TRAFFIC ? List.of("storeId", "sensorId", "timestamp", "in", "out") : List.of("storeId", "timestamp")) {
            if (!fieldColumns.containsKey(field) && !(field.equals("storeId") && storeGiven)) {
                missing.add(field);
            }
        }
        if (kind == ImportKind.SALES && !fieldColumns.containsKey("amount") && !fieldColumns.containsKey("amountMinor")) {
            missing.add("amount");
        }
        if (!missing.isEmpty()) {
            rows.close();
            throw new ImportException(displayName + ": the header has no column for " + String.join(", ", missing) + " (it has: "
                    + String.join(", ", header) + "); name the column with --column FIELD=NAME"
                    + (missing.contains("storeId") ? ", or give the store with --store" : ""));
        }
    }

    @Override
    public SourceRow next() throws IOException {
        String[] values;
        do {
            try {
                if (!rows.hasNextValue()) {
                    return null;
                }
                values = rows.nextValue();
            } catch (RuntimeException e) {
                throw new IOException("row " + (row + 1) + " cannot be read as CSV (" + e.getMessage() + ")", e);
            }
            row++;
        } while (values.length == 0 || values.length == 1 && values[0].isBlank()); // a blank line: counted, not a row
        String[] cells = values;
        Map<String, Object> fields = new HashMap<>(fieldColumns.size() * 2);
        fieldColumns.forEach((field, column) -> {
            String value = column < cells.length ? cells[column] : null;
            fields.put(field, value == null || value.isBlank() ? null : value.strip());
        });
        return new SourceRow(kind, file, row, fields);
    }

    @Override
    public long total() {
        return total;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }

    /** Our field → the index of its column; a mapped column the header lacks is an error naming what it has. */
    static Map<String, Integer> resolve(String file, ImportKind kind, String[] header, Map<String, String> columnsByField) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            String name = i == 0 ? header[i].replace("\uFEFF", "") : header[i];
            byName.putIfAbsent(normal(name), i);
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (String field : RowFields.of(kind)) {
            String mapped = columnsByField.get(field);
            Integer index = byName.get(normal(mapped != null ? mapped : field));
            if (index == null && mapped != null) {
                throw new ImportException(file + ": the header has no column '" + mapped + "' (mapped to " + field + "); it has: "
                        + String.join(", ", header));
            }
            if (index != null) {
                columns.put(field, index);
            }
        }
        for (String unknown : columnsByField.keySet()) {
            if (!RowFields.of(kind).contains(unknown)) {
                throw new ImportException("Unknown field '" + unknown + "' in the column mapping; " + kind.wireName() + " fields: "
                        + String.join(", ", RowFields.of(kind)));
            }
        }
        return columns;
    }

    private static String normal(String name) {
        return name.strip().replace("_", "").replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static void skipBom(InputStream in) throws IOException {
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (!(head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF)) {
            in.reset();
        }
    }

    /** The separator the header line uses most outside quotes: ';' (spreadsheets with a decimal comma), tab or ','. */
    static char separatorOf(Path path) throws IOException {
        String first;
        try (var lines = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            first = lines.readLine();
        }
        if (first == null) {
            return ',';
        }
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (char c : first.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    private static long countLines(Path path) throws IOException {
        long lines = 0;
        byte last = '\n';
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                last = buffer[n - 1];
            }
        }
        return last == '\n' ? lines : lines + 1;
    }
}

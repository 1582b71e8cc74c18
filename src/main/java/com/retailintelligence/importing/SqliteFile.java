package com.retailintelligence.importing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.sqlite.SQLiteConfig;

/**
 * The old bot's SQLite file, opened read-only with the xerial driver: the tables and columns the mapping names are
 * checked against the file first (an error lists what the table has), then read in rowid order. Blocking JDBC:
 * used from a worker thread only.
 */
final class SqliteFile implements AutoCloseable {

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Connection connection;
    private final String name;

    SqliteFile(Path path, String name) {
        this.name = name;
        if (!isSqlite(path)) {
            throw new ImportException(name + " is not a SQLite database file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try {
            this.connection = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw new ImportException(name + " cannot be opened as SQLite: " + e.getMessage(), e);
        }
    }

    /** True when the file starts with SQLite's header. */
    static boolean isSqlite(Path path) {
        try (var in = Files.newInputStream(path)) {
            return java.util.Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks every section's table and columns against the file before anything is read (an error names what exists). */
    void check(ImportMapping mapping) {
        if (mapping.stores() != null) {
            checked(mapping.stores(), RowFields.STORES, "stores");
        }
        if (mapping.traffic() != null) {
            checked(mapping.traffic(), RowFields.TRAFFIC, "traffic");
        }
        if (mapping.sales() != null) {
            checked(mapping.sales(), RowFields.SALES, "sales");
        }
        if (mapping.chatUsers() != null) {
            checked(mapping.chatUsers(), RowFields.CHAT_USERS, "chatUsers");
        }
    }

    /** All rows of a small table (stores, chat users), our field → value. */
    List<SourceRow> readAll(ImportMapping.Section section, List<String> fields, String what) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (RowSource source = rows(section, fields, null, what)) {
            for (SourceRow row; (row = source.next()) != null;) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The rows of an events table, in rowid order. */
    RowSource rows(ImportMapping.Section section, ImportKind kind) {
        return rows(section, RowFields.of(kind), kind, kind.wireName());
    }

    private RowSource rows(ImportMapping.Section section, List<String> fields, ImportKind kind, String what) {
        Map<String, String> columns = checked(section, fields, what);
        StringBuilder select = new StringBuilder("SELECT rowid");
        columns.values().forEach(column -> select.append(", ").append(quote(column)));
        select.append(" FROM ").append(quote(section.table())).append(" ORDER BY rowid");
        String file = name + ":" + section.table();
        try {
            long total = count(section.table());
            PreparedStatement statement = connection.prepareStatement(select.toString());
            statement.setFetchSize(5000);
            ResultSet result = statement.executeQuery();
            List<String> mapped = new ArrayList<>(columns.keySet());
            return new RowSource() {
                @Override
                public SourceRow next() throws IOException {
                    try {
                        if (!result.next()) {
                            return null;
                        }
                        Map<String, Object> values = new HashMap<>(mapped.size() * 2);
                        for (int i = 0; i < mapped.size(); i++) {
                            values.put(mapped.get(i), result.getObject(i + 2));
                        }
                        return new SourceRow(kind, file, result.getLong(1), values);
                    } catch (SQLException e) {
                        throw new IOException(file + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public long total() {
                    return total;
                }

                @Override
                public void close() throws IOException {
                    try {
                        statement.close();
                    } catch (SQLException e) {
                        throw new IOException(e);
                    }
                }
            };
        } catch (SQLException e) {
            throw new ImportException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Our field → its column, each checked to exist in the table (case as SQLite: insensitive). */
    private Map<String, String> checked(ImportMapping.Section section, List<String> fields, String what) {
        if (section.table() == null || section.table().isBlank()) {
            throw new ImportException("The mapping's " + what + " section names no table");
        }
        Set<String> existing = columnsOf(section.table());
        if (existing.isEmpty()) {
            throw new ImportException(name + " has no table '" + section.table() + "' (mapping section " + what + "); it has: "
                    + String.join(", ", tables()));
        }
        Map<String, String> columns = new LinkedHashMap<>();
        section.columns().forEach((field, column) -> {
            if (!fields.contains(field)) {
                throw new ImportException("Unknown field '" + field + "' in the mapping's " + what + " section; its fields: "
                        + String.join(", ", fields));
            }
            if (column != null && !existing.contains(column.toLowerCase(Locale.ROOT))) {
                throw new ImportException(name + ": table " + section.table() + " has no column '" + column + "' (mapped to "
                        + what + "." + field + "); it has: " + String.join(", ", existing));
            }
            if (column != null) {
                columns.put(field, column);
            }
        });
        return columns;
    }

    private Set<String> columnsOf(String table) {
        Set<String> columns = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        } catch (SQLException e) {
            throw new ImportException(name + " cannot be read: " + e.getMessage(), e);
        }
        return columns;
    }

    private List<String> tables() {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                tables.add(result.getString(1));
            }
        } catch (SQLException e) {
            throw new ImportException(name + " cannot be read: " + e.getMessage(), e);
        }
        return tables;
    }

    private long count(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + quote(table));
                ResultSet result = statement.executeQuery()) {
            return result.next() ? result.getLong(1) : -1;
        }
    }

    /** An identifier quoted for SQLite ("" doubles a quote); the names were checked against the file already. */
    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            io.quarkus.logging.Log.debugf("Closing %s: %s", name, e.getMessage());
        }
    }
}

package com.retailintelligence.importing;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/**
 * One import to run: the file (SQLite or CSV, told by its first bytes) and, by its name, how rejections name it;
 * for SQLite the mapping; for CSV the kind, extra column mapping (our field → header name), the zone of local times
 * (null: the store's) and the store of rows without one (null: such rows are refused). {@code strict}: stop at the
 * first refused row. {@code actor}: who started it, for the audit log.
 */
public record ImportRequest(Path file, String name, ImportMapping mapping, ImportKind kind, Map<String, String> columns,
        ZoneId zone, String store, boolean strict, String actor) {

    public ImportRequest {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    public boolean sqlite() {
        return SqliteFile.isSqlite(file);
    }
}

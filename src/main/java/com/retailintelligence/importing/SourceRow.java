package com.retailintelligence.importing;

import java.util.Map;

/**
 * One row of a source file, its values under the JSON API's field names (id, storeId, sensorId, timestamp, in, out;
 * amount or amountMinor, currency, items, type) as the source held them: text, a number or null. {@code file} and
 * {@code row} name it in a rejection: a CSV's line (the header is row 1), or a SQLite table's rowid.
 */
public record SourceRow(ImportKind kind, String file, long row, Map<String, Object> values) {
}

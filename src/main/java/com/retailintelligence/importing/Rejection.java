package com.retailintelligence.importing;

/** A refused row: the file (for SQLite "file.db:table"), its row (CSV line, SQLite rowid) and why. */
public record Rejection(String file, long row, String reason) {

    @Override
    public String toString() {
        return file + ":" + row + ": " + reason;
    }
}

package com.retailintelligence.importing;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A refused row: the file (for SQLite "file.db:table"), its row (CSV line, SQLite rowid) and why. */
@RegisterForReflection
public record Rejection(String file, long row, String reason) {

    @Override
    public String toString() {
        return file + ":" + row + ": " + reason;
    }
}

package com.retailintelligence.importing;

/**
 * An import that cannot start or go on for a reason the user can fix: a missing file, a mapping naming a column the
 * table lacks, a header without a needed column. Its message is meant for them (exit code 2, or a 400).
 */
public class ImportException extends RuntimeException {

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.retailintelligence.importing;

import java.io.IOException;

/** A file's rows of one kind, read one after the other on a worker thread (the readers block). */
public interface RowSource extends AutoCloseable {

    /** The next row, or null at the end. */
    SourceRow next() throws IOException;

    /** How many rows there are (for the progress bar); -1 when unknown. */
    long total();

    @Override
    void close() throws IOException;
}

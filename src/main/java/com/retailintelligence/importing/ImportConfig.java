package com.retailintelligence.importing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How imports load (docs/legacy-import.md): rows per statement and statements in flight. */
@ConfigMapping(prefix = "retail.import")
public interface ImportConfig {

    /** Rows per ingest statement (RETAIL_IMPORT_BATCH_SIZE); docs/benchmarks.md has how 2,000 and 5,000 compared. */
    @WithDefault("5000")
    int batchSize();

    /** Statements in flight at once (RETAIL_IMPORT_CONCURRENCY): 3 kept a 2-core machine busiest (docs/benchmarks.md). */
    @WithDefault("3")
    int concurrency();

    /** Where uploads to POST /api/v1/imports are kept while they import (RETAIL_IMPORT_UPLOAD_DIR); the system's temp dir by default. */
    java.util.Optional<String> uploadDir();
}

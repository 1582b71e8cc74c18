package com.retailintelligence.importing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An import run through the REST API, as GET /api/v1/imports/{id} shows it: where it stands (queued, running,
 * succeeded, failed), its counters, the summary or why it failed, and the refused rows (the first
 * {@link ImportJobs#REJECTIONS_SHOWN}; {@code rejected} counts them all).
 */
@RegisterForReflection
public record ImportJob(UUID id, String source, String format, String kind, String status, String startedBy, OffsetDateTime startedAt,
        OffsetDateTime updatedAt, OffsetDateTime finishedAt, Long totalRows, long read, long imported, long duplicates, long rejected,
        String detail, List<Rejection> rejections) {
}

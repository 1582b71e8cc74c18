package com.retailintelligence.audit;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of audit records, newest first; {@code nextBefore} (when more exist) is the {@code before} of the next page. */
@RegisterForReflection
public record AuditPage(List<AuditRecord> items, Long nextBefore) {
}

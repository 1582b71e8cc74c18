package com.retailintelligence.auth.keys;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An API key as listed: everything but the secret (only its visible prefix). */
@RegisterForReflection
public record ApiKey(UUID id, String name, String prefix, Set<String> roles, Set<String> stores,
        OffsetDateTime expiresAt, String createdBy, OffsetDateTime createdAt, OffsetDateTime lastUsedAt,
        OffsetDateTime revokedAt) {
}

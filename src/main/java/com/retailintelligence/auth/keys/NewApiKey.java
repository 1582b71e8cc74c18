package com.retailintelligence.auth.keys;

import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.retailintelligence.validation.IsoInstant;
import com.retailintelligence.validation.QueryValues;

/** The body of {@code POST /api/v1/auth/api-keys}. */
public record NewApiKey(
        @NotBlank @Size(max = 100) String name,
        @NotNull @NotEmpty Set<@NotBlank String> roles,
        @NotNull Set<@NotBlank String> stores,
        @IsoInstant String expiresAt) {

    /** When the key expires (an ISO-8601 instant with offset, as text: a number is not read as a date), or null. */
    public OffsetDateTime expiry() {
        return QueryValues.instant(expiresAt);
    }
}

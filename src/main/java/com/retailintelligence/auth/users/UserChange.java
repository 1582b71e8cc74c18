package com.retailintelligence.auth.users;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code PATCH /api/v1/auth/users/{username}}: only the fields given change; roles, when given, are not empty. */
public record UserChange(@Size(min = 1, message = "must name at least one role") Set<@NotBlank String> roles,
        Set<@NotBlank String> stores, Boolean disabled) {
}

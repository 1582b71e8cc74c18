package com.retailintelligence.auth.users;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code PATCH /api/v1/auth/users/{username}}: only the fields given change. */
public record UserChange(Set<@NotBlank String> roles, Set<@NotBlank String> stores, Boolean disabled) {
}

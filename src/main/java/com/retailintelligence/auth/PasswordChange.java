package com.retailintelligence.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of PUT /api/v1/auth/password: the caller's current password and the new one. */
public record PasswordChange(@NotBlank @Size(max = 200) String currentPassword,
        @NotBlank @Size(min = 10, max = 200) String newPassword) {
}

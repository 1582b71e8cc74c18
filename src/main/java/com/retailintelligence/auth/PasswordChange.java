package com.retailintelligence.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.retailintelligence.validation.BcryptPassword;

/** The body of PUT /api/v1/auth/password: the caller's current password and the new one. */
public record PasswordChange(@NotBlank @BcryptPassword String currentPassword,
        @NotBlank @Size(min = 10) @BcryptPassword String newPassword) {
}

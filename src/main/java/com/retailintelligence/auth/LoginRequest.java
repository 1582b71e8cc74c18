package com.retailintelligence.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.retailintelligence.validation.BcryptPassword;

/** The body of POST /api/v1/auth/login. */
public record LoginRequest(@NotBlank @Size(max = 100) String username, @NotBlank @BcryptPassword String password) {
}

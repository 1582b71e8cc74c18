package com.retailintelligence.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of POST /api/v1/auth/refresh and /logout. */
public record RefreshRequest(@JsonProperty("refresh_token") @NotBlank @Size(max = 200) String refreshToken) {
}

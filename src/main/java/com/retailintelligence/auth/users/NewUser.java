package com.retailintelligence.auth.users;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.retailintelligence.validation.BcryptPassword;

/** The body of {@code POST /api/v1/auth/users}. */
public record NewUser(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{3,64}", message = "3-64 letters, digits, '.', '_' or '-'") String username,
        @NotNull @Size(min = 10) @BcryptPassword String password,
        @NotNull @NotEmpty Set<@NotBlank String> roles,
        Set<@NotBlank String> stores) {
}

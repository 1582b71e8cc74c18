package com.retailintelligence.validation;

import java.nio.charset.StandardCharsets;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link BcryptPassword}. */
public class BcryptPasswordValidator implements ConstraintValidator<BcryptPassword, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || fits(value);
    }

    /** True when bcrypt reads all of the password. */
    public static boolean fits(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= BcryptPassword.MAX_BYTES;
    }
}

package com.retailintelligence.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A password bcrypt reads whole: at most {@value #MAX_BYTES} bytes in UTF-8 (bcrypt ignores the rest, so a longer
 * password would log in with its first 72 bytes alone); null is valid (use @NotNull/@NotBlank beside it).
 */
@Documented
@Constraint(validatedBy = BcryptPasswordValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface BcryptPassword {

    int MAX_BYTES = 72;

    String message() default "must be at most 72 bytes in UTF-8 (bcrypt reads no further)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

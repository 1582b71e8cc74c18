package com.retailintelligence.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** An instant parameter with an offset, such as {@code 2026-11-26T10:00:00Z}, in the years 1970 to 9999; null is valid. */
@Documented
@Constraint(validatedBy = IsoInstant.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoInstant {

    String message() default "must be an ISO-8601 instant with an offset, such as 2026-11-26T10:00:00Z, in the years 1970 to 9999";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link IsoInstant}. */
    class Validator implements ConstraintValidator<IsoInstant, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || QueryValues.instant(value) != null;
        }
    }
}

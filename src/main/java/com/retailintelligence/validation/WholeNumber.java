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

/**
 * A whole-number parameter given as text, from {@link #min()} to {@link #max()}; null is valid. (A typed numeric
 * query parameter that fails to convert is a 404 in JAX-RS, so query numbers are checked as text and then parsed.)
 */
@Documented
@Constraint(validatedBy = WholeNumber.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface WholeNumber {

    long min() default 0;

    long max() default Integer.MAX_VALUE;

    String message() default "must be a whole number from {min} to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks {@link WholeNumber}. */
    class Validator implements ConstraintValidator<WholeNumber, String> {
        private long min;
        private long max;

        @Override
        public void initialize(WholeNumber annotation) {
            min = annotation.min();
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
            try {
                long number = Long.parseLong(value);
                return number >= min && number <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}

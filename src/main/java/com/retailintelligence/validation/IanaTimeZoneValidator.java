package com.retailintelligence.validation;

import java.time.ZoneId;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link IanaTimeZone}: region ids only, so offsets like "+01:00" (which ignore daylight saving) are refused. */
public class IanaTimeZoneValidator implements ConstraintValidator<IanaTimeZone, String> {

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || ZONES.contains(value);
    }
}

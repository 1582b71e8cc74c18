package com.retailintelligence.validation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses the text that {@link IsoDate} and {@link IsoInstant} accept (query parameters, dates in bodies): dates and
 * instants from 1970 to 9999 only, so an extreme value (year -999999999) is a 400, never an overflow further down.
 */
public final class QueryValues {

    public static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    private QueryValues() {
    }

    /** The date, or null when the text is not one in range. */
    public static LocalDate date(String value) {
        if (value == null || value.length() != 10) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            return date.isBefore(EARLIEST) || date.isAfter(LATEST) ? null : date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The instant, or null when the text is not one in range. */
    public static OffsetDateTime instant(String value) {
        if (value == null || value.length() > 40) {
            return null;
        }
        try {
            OffsetDateTime instant = OffsetDateTime.parse(value);
            return instant.getYear() < EARLIEST.getYear() || instant.getYear() > LATEST.getYear() ? null : instant;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

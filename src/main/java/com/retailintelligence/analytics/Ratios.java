package com.retailintelligence.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The divisions of the figures: a division by zero gives null, never 0, NaN or an error. */
public final class Ratios {

    private Ratios() {
    }

    /** numerator ÷ denominator as a fraction, or null when the denominator is 0. */
    public static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    /** An amount in minor units ÷ a count, rounded half up to whole minor units, or null when the count is 0. */
    public static Long perUnit(long minor, long count) {
        return count == 0 ? null : BigDecimal.valueOf(minor).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** A ratio of two nullable values (attainment, on-track), or null when either is missing or the denominator is 0. */
    public static Double ratio(Double numerator, Double denominator) {
        return numerator == null || denominator == null || denominator == 0 ? null : numerator / denominator;
    }
}

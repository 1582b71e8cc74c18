package com.retailintelligence.validation;

import java.util.Currency;
import java.util.regex.Pattern;

/** ISO 4217 look-ups: only upper-case three-letter codes with a defined number of minor digits count. */
public final class Currencies {

    /** Compiled once: money is formatted for every figure of every answer (String.matches compiled it each time). */
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Currencies() {
    }

    /** The currency for an upper-case ISO code, or null when there is none (or it has no minor unit, like XAU). */
    public static Currency find(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return null;
        }
        try {
            Currency currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? null : currency;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

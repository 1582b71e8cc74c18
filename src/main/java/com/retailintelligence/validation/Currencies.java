package com.retailintelligence.validation;

import java.util.Currency;

/** ISO 4217 look-ups: only upper-case three-letter codes with a defined number of minor digits count. */
public final class Currencies {

    private Currencies() {
    }

    /** The currency for an upper-case ISO code, or null when there is none (or it has no minor unit, like XAU). */
    public static Currency find(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
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

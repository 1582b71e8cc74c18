package com.retailintelligence.validation;

import java.math.BigDecimal;
import java.util.Currency;

/** Converts between minor units (what is stored and summed) and the decimal strings the API shows. */
public final class Money {

    private Money() {
    }

    /** "1234.50" for 123450 EUR cents; "1234" for 1234 JPY. */
    public static String format(long minor, String currencyCode) {
        Currency currency = Currencies.find(currencyCode);
        int digits = currency == null ? 2 : currency.getDefaultFractionDigits();
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}

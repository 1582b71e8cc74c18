package com.retailintelligence.telegram;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Numbers, money, percentages and dates for people, in the language the user's Telegram app reports
 * ({@code language_code}; English when it says nothing). The figures themselves are the analytics' own.
 */
public final class PeopleFormat {

    private final Locale locale;

    public PeopleFormat(String languageCode) {
        Locale asked = languageCode == null || languageCode.isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(languageCode);
        this.locale = asked.getLanguage().isEmpty() ? Locale.ENGLISH : asked;
    }

    public Locale locale() {
        return locale;
    }

    public String count(long value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    public String count(double value) {
        return count(Math.round(value));
    }

    /** A decimal amount (as the analytics give it, e.g. "1234.50") in the currency's usual form. */
    public String money(String amount, String currencyCode) {
        if (amount == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        try {
            Currency currency = Currency.getInstance(currencyCode);
            format.setCurrency(currency);
            format.setMinimumFractionDigits(Math.max(0, currency.getDefaultFractionDigits()));
            format.setMaximumFractionDigits(Math.max(0, currency.getDefaultFractionDigits()));
        } catch (IllegalArgumentException unknown) {
            return amount + " " + currencyCode;
        }
        return format.format(new BigDecimal(amount));
    }

    /** A ratio (0.263) as a percentage with one decimal ("26.3 %"); "–" when there is none. */
    public String ratio(Double ratio) {
        return ratio == null ? "–" : oneDecimal(ratio * 100) + " %";
    }

    /** A change in percent with its sign ("+5.2 %", "−3.1 %"); null when there is none. */
    public String change(Double percent) {
        if (percent == null) {
            return null;
        }
        String sign = percent > 0 ? "+" : percent < 0 ? "−" : "±";
        return sign + oneDecimal(Math.abs(percent)) + " %";
    }

    public String decimal(Double value) {
        return value == null ? "–" : oneDecimal(value);
    }

    private String oneDecimal(double value) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    public String date(LocalDate date) {
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
    }

    /** The local time of day ("14:05"). */
    public String time(OffsetDateTime at) {
        return at == null ? "–" : at.toLocalTime().withSecond(0).withNano(0).toString();
    }
}

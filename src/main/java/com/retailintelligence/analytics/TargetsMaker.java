package com.retailintelligence.analytics;

import java.time.LocalDate;
import java.util.Locale;

import com.retailintelligence.validation.Money;

/** The summary's targets: the day's weekday targets beside the actual figures, attainment = actual ÷ target. */
final class TargetsMaker {

    private TargetsMaker() {
    }

    static Summary.Targets targets(Figures actual, StoreSettings.Target target, LocalDate date, String currency) {
        if (target == null) {
            return null;
        }
        Summary.Attainment visitors = target.visitors() == null ? null
                : new Summary.Attainment(target.visitors(), actual.visitors(), Ratios.ratio((double) actual.visitors(), (double) target.visitors()));
        Summary.Attainment revenue = target.revenueMinor() == null ? null
                : new Summary.Attainment(Money.format(target.revenueMinor(), currency), actual.revenue(),
                        Ratios.ratio((double) actual.revenueMinor(), (double) target.revenueMinor()));
        Summary.Attainment conversion = target.conversionRate() == null ? null
                : new Summary.Attainment(target.conversionRate(), actual.conversionRate(),
                        Ratios.ratio(actual.conversionRate(), target.conversionRate().doubleValue()));
        return new Summary.Targets(date.getDayOfWeek().name().toLowerCase(Locale.ROOT), visitors, revenue, conversion);
    }
}

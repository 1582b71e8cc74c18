package com.retailintelligence.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import com.retailintelligence.validation.Money;

/** Compares a day's figures with another day's: per figure the value there, the change and the change in percent. */
public final class Comparisons {

    private Comparisons() {
    }

    /** Compares with a day of the history (no data when the history lacks it or it has no rollups). */
    static Summary.Comparison of(Figures now, LocalDate otherDate, Map<LocalDate, DayFacts> history, ZoneId zone, String currency) {
        DayFacts other = history.get(otherDate);
        return of(now, otherDate, other != null && other.hasData() ? other.figures(zone, currency) : null, currency);
    }

    /** Compares with another day's or period's figures ({@code then} null: no data there). */
    public static Summary.Comparison of(Figures now, LocalDate otherDate, Figures then, String currency) {
        boolean hasData = then != null;
        Map<String, Summary.Change> figures = new LinkedHashMap<>();
        figures.put("visitors", count(now.visitors(), then == null ? null : then.visitors()));
        figures.put("exits", count(now.exits(), then == null ? null : then.exits()));
        figures.put("transactions", count(now.transactions(), then == null ? null : then.transactions()));
        figures.put("items", count(now.items(), then == null ? null : then.items()));
        figures.put("revenue", money(now.revenueMinor(), then == null ? null : then.revenueMinor(), currency));
        figures.put("grossSales", money(now.grossSalesMinor(), then == null ? null : then.grossSalesMinor(), currency));
        figures.put("refunds", money(now.refundsMinor(), then == null ? null : then.refundsMinor(), currency));
        figures.put("conversionRate", ratio(now.conversionRate(), then == null ? null : then.conversionRate()));
        figures.put("atv", money(now.atvMinor(), then == null ? null : then.atvMinor(), currency));
        figures.put("upt", ratio(now.upt(), then == null ? null : then.upt()));
        figures.put("salesPerVisitor", money(now.salesPerVisitorMinor(), then == null ? null : then.salesPerVisitorMinor(), currency));
        return new Summary.Comparison(otherDate, hasData, figures);
    }

    private static Summary.Change count(long now, Long then) {
        return then == null ? new Summary.Change(null, null, null) : new Summary.Change(then, now - then, percent(now - then, then));
    }

    private static Summary.Change money(Long now, Long then, String currency) {
        if (then == null) {
            return new Summary.Change(null, null, null);
        }
        String value = Money.format(then, currency);
        return now == null ? new Summary.Change(value, null, null)
                : new Summary.Change(value, Money.format(now - then, currency), percent(now - then, then));
    }

    private static Summary.Change ratio(Double now, Double then) {
        if (then == null) {
            return new Summary.Change(null, null, null);
        }
        return now == null ? new Summary.Change(then, null, null) : new Summary.Change(then, now - then, percent(now - then, then));
    }

    /** change ÷ base × 100, to two decimals (half up); null when the base is 0. */
    static Double percent(double change, double base) {
        if (base == 0) {
            return null;
        }
        return BigDecimal.valueOf(change).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(base), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }
}

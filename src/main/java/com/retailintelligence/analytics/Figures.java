package com.retailintelligence.analytics;

import java.time.OffsetDateTime;

import com.retailintelligence.validation.Money;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The figures of a store for a day or a period (docs/analytics.md): counts, money as a decimal string in the
 * store's currency plus the same in minor units, and the ratios — null where their divisor is 0. Occupancy and
 * the peaks are null where they do not apply (a period longer than a day).
 */
@RegisterForReflection
public record Figures(long visitors, long exits, Long occupancy, PeakOccupancy peakOccupancy, long transactions, long items,
        long refundCount, String revenue, long revenueMinor, String grossSales, long grossSalesMinor, String refunds,
        long refundsMinor, Double conversionRate, String atv, Long atvMinor, Double upt, String salesPerVisitor,
        Long salesPerVisitorMinor, PeakHour peakHour, String currency) {

    /** The highest occupancy of the day and the local minute it was first reached in. */
    @RegisterForReflection
    public record PeakOccupancy(long value, OffsetDateTime at) {
    }

    /** The local hour ({@code HH:00}, starting at {@code start}) with the most visitors, the earliest on a tie. */
    @RegisterForReflection
    public record PeakHour(String hour, OffsetDateTime start, long visitors) {
    }

    /** The figures of a day: occupancy at its end (now, for today), and its peaks. */
    public static Figures ofDay(Counts c, String currency, PeakOccupancy peakOccupancy, PeakHour peakHour) {
        return of(c, currency, Math.max(0, c.visitors() - c.exits()), peakOccupancy, peakHour);
    }

    /** The figures of a period or part of a day, without occupancy and peaks. */
    public static Figures ofPeriod(Counts c, String currency) {
        return of(c, currency, null, null, null);
    }

    private static Figures of(Counts c, String currency, Long occupancy, PeakOccupancy peakOccupancy, PeakHour peakHour) {
        Long atv = Ratios.perUnit(c.revenueMinor(), c.transactions());
        Long perVisitor = Ratios.perUnit(c.revenueMinor(), c.visitors());
        return new Figures(c.visitors(), c.exits(), occupancy, peakOccupancy, c.transactions(), c.items(), c.refundCount(),
                Money.format(c.revenueMinor(), currency), c.revenueMinor(), Money.format(c.grossMinor(), currency), c.grossMinor(),
                Money.format(c.refundsMinor(), currency), c.refundsMinor(), Ratios.ratio(c.transactions(), c.visitors()),
                atv == null ? null : Money.format(atv, currency), atv, Ratios.ratio(c.items(), c.transactions()),
                perVisitor == null ? null : Money.format(perVisitor, currency), perVisitor, peakHour, currency);
    }
}

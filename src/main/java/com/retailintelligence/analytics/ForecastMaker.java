package com.retailintelligence.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.retailintelligence.validation.Money;

/**
 * The forecast of a day (docs/analytics.md, "Forecast"): per local hour, the mean of that hour on the same
 * weekday of up to 8 previous weeks that have data (at least 2, else none); 0 outside the opening hours.
 */
final class ForecastMaker {

    static final String METHOD = "same-weekday-mean";

    private ForecastMaker() {
    }

    static Summary.Forecast forecast(DayView view) {
        List<LocalDate> used = new ArrayList<>();
        double[] visitors = new double[24];
        double[] revenue = new double[24];
        ZoneId zone = view.zone();
        for (int week = 1; week <= DayView.FORECAST_WEEKS; week++) {
            LocalDate earlier = view.date().minusWeeks(week);
            DayFacts facts = view.history().get(earlier);
            if (facts == null || !facts.hasData()) {
                continue;
            }
            used.add(earlier);
            long[] v = facts.visitorsByHourOfDay(zone);
            long[] r = facts.revenueByHourOfDay(zone);
            for (int h = 0; h < 24; h++) {
                visitors[h] += v[h];
                revenue[h] += r[h];
            }
        }
        if (used.size() < DayView.FORECAST_MIN_WEEKS) {
            return null;
        }
        for (int h = 0; h < 24; h++) {
            visitors[h] /= used.size();
            revenue[h] /= used.size();
        }
        List<Instant> starts = view.day().hourStarts(zone);
        Map<Integer, Integer> startsPerHour = new HashMap<>();
        starts.forEach(start -> startsPerHour.merge(start.atZone(zone).getHour(), 1, Integer::sum));

        String currency = view.currency();
        double dayVisitors = 0;
        double dayRevenue = 0;
        double soFarVisitors = 0;
        double soFarRevenue = 0;
        List<Summary.ExpectedHour> remaining = new ArrayList<>();
        Instant now = view.now();
        for (Instant start : starts) {
            int hour = start.atZone(zone).getHour();
            // A repeated (DST) hour shares its hour's expectation; hours outside the opening hours expect nobody.
            double share = view.open(start) ? 1.0 / startsPerHour.get(hour) : 0;
            double v = visitors[hour] * share;
            double r = revenue[hour] * share;
            dayVisitors += v;
            dayRevenue += r;
            Instant end = start.plus(Duration.ofHours(1));
            if (!now.isBefore(end)) {
                soFarVisitors += v;
                soFarRevenue += r;
            } else {
                if (now.isAfter(start)) {
                    double elapsed = (double) Duration.between(start, now).toMillis() / Duration.ofHours(1).toMillis();
                    soFarVisitors += v * elapsed;
                    soFarRevenue += r * elapsed;
                }
                if (share > 0) {
                    long revenueMinor = Math.round(r);
                    remaining.add(new Summary.ExpectedHour(start.atZone(zone).toOffsetDateTime(), DayFacts.HOUR_LABEL.format(start.atZone(zone)),
                            round1(v), Money.format(revenueMinor, currency), revenueMinor));
                }
            }
        }
        long dayRevenueMinor = Math.round(dayRevenue);
        Summary.OnTrack onTrack = null;
        if (soFarVisitors > 0 || soFarRevenue > 0 || !now.isBefore(starts.get(0))) {
            Counts actual = view.day().counts();
            onTrack = new Summary.OnTrack(soFarVisitors == 0 ? null : round4(actual.visitors() / soFarVisitors),
                    Math.round(soFarRevenue) == 0 ? null : round4(actual.revenueMinor() / (double) Math.round(soFarRevenue)),
                    round1(soFarVisitors), Math.round(soFarRevenue));
        }
        return new Summary.Forecast(METHOD, used.size(), used, new Summary.Expected(Math.round(dayVisitors),
                Money.format(dayRevenueMinor, currency), dayRevenueMinor), remaining, onTrack);
    }

    private static double round1(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    private static double round4(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}

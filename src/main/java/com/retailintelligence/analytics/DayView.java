package com.retailintelligence.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.retailintelligence.store.Store;
import com.retailintelligence.validation.Money;

/**
 * Everything known of one store-local day at one instant — the day, the days it is compared with and
 * forecast from, the store's settings — from which the summary and the hourly table are computed (pure, no I/O).
 */
public record DayView(Store store, LocalDate date, Instant now, DayFacts day, Map<LocalDate, DayFacts> history, StoreSettings settings) {

    /** How many previous same weekdays a forecast reads, and how many it needs. */
    static final int FORECAST_WEEKS = 8;
    static final int FORECAST_MIN_WEEKS = 2;
    /** The same weekday a year earlier: 52 weeks. */
    static final int DAYS_IN_52_WEEKS = 364;

    /** The other days a summary of {@code date} reads: the same weekday of the 8 weeks before, and 52 weeks before. */
    public static List<LocalDate> historyDays(LocalDate date) {
        List<LocalDate> days = new ArrayList<>();
        for (int week = 1; week <= FORECAST_WEEKS; week++) {
            days.add(date.minusWeeks(week));
        }
        days.add(date.minusDays(DAYS_IN_52_WEEKS));
        return days;
    }

    public ZoneId zone() {
        return ZoneId.of(store.timezone());
    }

    public String currency() {
        return store.currency();
    }

    public boolean isToday() {
        return LocalDate.ofInstant(now, zone()).equals(date);
    }

    /** The day's opening hours, or null when its weekday has none set. */
    public StoreSettings.OpeningDay openingDay() {
        return settings.openingDay(date);
    }

    /** Whether the hour starting at {@code start} counts as open (every hour does when no opening hours are set). */
    boolean open(Instant start) {
        StoreSettings.OpeningDay hours = openingDay();
        return hours == null || hours.includes(start, zone());
    }

    public Figures figures() {
        return day.figures(zone(), currency());
    }

    public DayFacts lastWeek() {
        return history.get(date.minusWeeks(1));
    }

    public HourlyFigures hourly() {
        ZoneId zone = zone();
        List<HourlyFigures.Hour> hours = new ArrayList<>();
        for (Instant start : day.hourStarts(zone)) {
            Counts c = day.hour(start);
            hours.add(new HourlyFigures.Hour(start.atZone(zone).toOffsetDateTime(), DayFacts.HOUR_LABEL.format(start.atZone(zone)),
                    open(start), c.visitors(), c.exits(), c.transactions(), c.items(), Money.format(c.revenueMinor(), currency()),
                    c.revenueMinor(), Ratios.ratio(c.transactions(), c.visitors())));
        }
        return new HourlyFigures(store.id(), date, store.timezone(), currency(), hours);
    }

    public Summary summary() {
        Figures figures = figures();
        return new Summary(store.id(), store.name(), date, store.timezone(), currency(), isToday(), now.atZone(zone()).toOffsetDateTime(),
                figures, openHours(), new Summary.Comparisons(Comparisons.of(figures, date.minusWeeks(1), history, zone(), currency()),
                        Comparisons.of(figures, date.minusDays(DAYS_IN_52_WEEKS), history, zone(), currency())),
                ForecastMaker.forecast(this), TargetsMaker.targets(figures, settings.target(date), date, currency()));
    }

    private Summary.OpenHours openHours() {
        StoreSettings.OpeningDay hours = openingDay();
        if (hours == null) {
            return null;
        }
        Figures figures = hours.closed() ? null : Figures.ofPeriod(day.hours(zone(), this::open), currency());
        return new Summary.OpenHours(hours.opens(), hours.closes(), hours.closed(), figures);
    }
}

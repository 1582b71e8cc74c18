package com.retailintelligence.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.retailintelligence.analytics.AnalyticsCsv;
import com.retailintelligence.analytics.ChainSummary;
import com.retailintelligence.analytics.Csv;
import com.retailintelligence.analytics.DayView;
import com.retailintelligence.analytics.Figures;
import com.retailintelligence.analytics.HourlyFigures;
import com.retailintelligence.analytics.RangeFigures;
import com.retailintelligence.analytics.Summary;
import com.retailintelligence.validation.Money;

/** Builds each report's content (pure): the JSON document, the CSV table and the chart's spec, from the same figures. */
final class ReportContent {

    private static final DateTimeFormatter TITLE_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);
    /** Most stores a chain chart shows (the busiest); the JSON and CSV list them all. */
    static final int CHART_STORES = 20;

    private ReportContent() {
    }

    static DailyReport daily(DayView view) {
        HourlyFigures hourly = view.hourly();
        ZoneId zone = view.zone();
        var lastWeek = view.lastWeek();
        Set<Integer> seenHours = new HashSet<>();
        List<DailyReport.Hour> hours = new ArrayList<>();
        for (HourlyFigures.Hour h : hourly.hours()) {
            int hourOfDay = h.start().getHour();
            boolean first = seenHours.add(hourOfDay);
            Long lwVisitors = null;
            Long lwTransactions = null;
            String lwRevenue = null;
            if (first && lastWeek != null) {
                Instant sameHour = h.start().toLocalDateTime().minusWeeks(1).atZone(zone).toInstant();
                var c = lastWeek.hour(sameHour);
                lwVisitors = c.visitors();
                lwTransactions = c.transactions();
                lwRevenue = Money.format(c.revenueMinor(), view.currency());
            }
            hours.add(new DailyReport.Hour(h.start(), h.hour(), h.open(), h.visitors(), h.exits(), h.transactions(), h.items(), h.revenue(),
                    h.conversionRate(), lwVisitors, lwTransactions, lwRevenue));
        }
        return new DailyReport("daily", view.summary(), hours);
    }

    static byte[] dailyCsv(DailyReport report) {
        Csv csv = new Csv().row(List.of("hour", "start", "open", "visitors", "exits", "transactions", "items", "revenue", "conversionRate",
                "lastWeekVisitors", "lastWeekTransactions", "lastWeekRevenue", "currency"));
        String currency = report.summary().currency();
        for (DailyReport.Hour h : report.hours()) {
            csv.row(cells(h.hour(), h.start(), h.open(), h.visitors(), h.exits(), h.transactions(), h.items(), h.revenue(), h.conversionRate(),
                    h.lastWeekVisitors(), h.lastWeekTransactions(), h.lastWeekRevenue(), currency));
        }
        Figures f = report.summary().figures();
        Summary.Comparison lw = report.summary().comparison().lastWeek();
        csv.row(cells("total", report.summary().date(), null, f.visitors(), f.exits(), f.transactions(), f.items(), f.revenue(),
                f.conversionRate(), lw.figures().get("visitors").value(), lw.figures().get("transactions").value(),
                lw.figures().get("revenue").value(), currency));
        return csv.bytes();
    }

    static ChartSpec dailyChart(DailyReport report) {
        Summary s = report.summary();
        List<String> categories = new ArrayList<>();
        List<Long> visitors = new ArrayList<>();
        List<Long> transactions = new ArrayList<>();
        List<Long> lastWeek = new ArrayList<>();
        boolean anyLastWeek = s.comparison().lastWeek().hasData();
        for (DailyReport.Hour h : report.hours()) {
            categories.add(h.hour());
            visitors.add(h.visitors());
            transactions.add(h.transactions());
            lastWeek.add(h.lastWeekVisitors());
        }
        return new ChartSpec(s.storeName() + " · " + TITLE_DATE.format(s.date()), keyFigures(s.figures(),
                s.comparison().lastWeek().figures().get("visitors").changePercent(), "vs last week"), "Local hour", categories, visitors,
                transactions, anyLastWeek ? "Visitors last week" : null, anyLastWeek ? lastWeek : null);
    }

    static byte[] weeklyCsv(WeeklyReport report) {
        List<Object> header = new ArrayList<>(List.of("day", "date"));
        header.addAll(AnalyticsCsv.FIGURE_COLUMNS);
        header.add("previousWeekVisitors");
        Csv csv = new Csv().row(header);
        for (int i = 0; i < report.days().size(); i++) {
            RangeFigures.Period day = report.days().get(i);
            List<Object> row = new ArrayList<>(List.of(day.from().getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH),
                    day.from()));
            row.addAll(AnalyticsCsv.figureCells(day.figures()));
            row.add(report.previousWeekVisitors().get(i));
            csv.row(row);
        }
        List<Object> total = new ArrayList<>(List.of("total", report.week()));
        total.addAll(AnalyticsCsv.figureCells(report.figures()));
        total.add(report.comparison().previousWeek().figures().get("visitors").value());
        return csv.row(total).bytes();
    }

    static ChartSpec weeklyChart(WeeklyReport report) {
        List<String> categories = new ArrayList<>();
        List<Long> visitors = new ArrayList<>();
        List<Long> transactions = new ArrayList<>();
        for (RangeFigures.Period day : report.days()) {
            categories.add(DAY_LABEL.format(day.from()));
            visitors.add(day.figures().visitors());
            transactions.add(day.figures().transactions());
        }
        boolean previous = report.comparison().previousWeek().hasData();
        return new ChartSpec(report.storeName() + " · week " + report.week() + " (" + TITLE_DATE.format(report.from()) + " – "
                + TITLE_DATE.format(report.to()) + ")", keyFigures(report.figures(),
                        report.comparison().previousWeek().figures().get("visitors").changePercent(), "vs the week before"), "Day", categories,
                visitors, transactions, previous ? "Visitors the week before" : null, previous ? report.previousWeekVisitors() : null);
    }

    static byte[] chainCsv(ChainSummary chain) {
        List<Object> header = new ArrayList<>(List.of("storeId", "name", "date", "timezone"));
        header.addAll(AnalyticsCsv.FIGURE_COLUMNS);
        Csv csv = new Csv().row(header);
        for (ChainSummary.StoreFigures store : chain.stores()) {
            List<Object> row = new ArrayList<>(List.of(store.storeId(), Csv.text(store.name()), store.date(), store.timezone()));
            row.addAll(AnalyticsCsv.figureCells(store.figures()));
            csv.row(row);
        }
        return csv.bytes();
    }

    static ChartSpec chainChart(ChainSummary chain, LocalDate date) {
        List<ChainSummary.StoreFigures> busiest = new ArrayList<>(chain.stores());
        busiest.sort((a, b) -> Long.compare(b.figures().visitors(), a.figures().visitors()));
        busiest = busiest.subList(0, Math.min(CHART_STORES, busiest.size()));
        List<String> categories = new ArrayList<>();
        List<Long> visitors = new ArrayList<>();
        List<Long> transactions = new ArrayList<>();
        for (ChainSummary.StoreFigures store : busiest) {
            categories.add(store.name());
            visitors.add(store.figures().visitors());
            transactions.add(store.figures().transactions());
        }
        ChainSummary.Totals t = chain.totals();
        String subtitle = String.format(Locale.ENGLISH, "%d stores · Visitors %,d · Transactions %,d · Conversion %s", chain.storeCount(),
                t.visitors(), t.transactions(), percent(t.conversionRate()));
        String title = "All stores · " + (date == null ? "today" : TITLE_DATE.format(date))
                + (chain.stores().size() > CHART_STORES ? " (the " + CHART_STORES + " busiest)" : "");
        return new ChartSpec(title, subtitle, "Store", categories, visitors, transactions, null, null);
    }

    /** "Visitors 3,412 (+6.1 % vs last week) · Conversion 21.4 % · Revenue 18,240.50 EUR · ATV 24.99 EUR". */
    private static String keyFigures(Figures f, Double visitorsChangePercent, String versus) {
        StringBuilder text = new StringBuilder(String.format(Locale.ENGLISH, "Visitors %,d", f.visitors()));
        if (visitorsChangePercent != null) {
            text.append(String.format(Locale.ENGLISH, " (%+.1f %% %s)", visitorsChangePercent, versus));
        }
        text.append(" · Conversion ").append(percent(f.conversionRate()));
        text.append(" · Revenue ").append(f.revenue()).append(' ').append(f.currency());
        if (f.atv() != null) {
            text.append(" · ATV ").append(f.atv()).append(' ').append(f.currency());
        }
        return text.toString();
    }

    private static String percent(Double fraction) {
        return fraction == null ? "–" : String.format(Locale.ENGLISH, "%.1f %%", fraction * 100);
    }

    private static List<Object> cells(Object... values) {
        List<Object> cells = new ArrayList<>(values.length);
        for (Object value : values) {
            cells.add(value);
        }
        return cells;
    }
}

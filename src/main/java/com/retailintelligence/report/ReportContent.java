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
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
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
        // Today is compared with what was expected so far, not with the whole of last week's day.
        Summary.OnTrack onTrack = s.today() && s.forecast() != null ? s.forecast().onTrack() : null;
        String versus = onTrack != null && onTrack.visitors() != null
                ? String.format(Locale.ENGLISH, " (%.0f %% of the expected so far)", onTrack.visitors() * 100)
                : change(s.comparison().lastWeek().figures().get("visitors").changePercent(), "vs last week");
        return new ChartSpec(s.storeName() + " · " + TITLE_DATE.format(s.date()), keyFigures(s.figures(), versus), "Local hour", categories,
                visitors, transactions, anyLastWeek ? "Visitors last week" : null, anyLastWeek ? lastWeek : null);
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
        String versus = change(report.comparison().previousWeek().figures().get("visitors").changePercent(),
                report.comparedUntil().equals(report.to()) ? "vs the week before" : "vs the same days of the week before");
        return new ChartSpec(report.storeName() + " · " + report.week() + " · " + SHORT_DATE.format(report.from()) + " – "
                + TITLE_DATE.format(report.to()), keyFigures(report.figures(), versus), "Day", categories, visitors, transactions,
                previous ? "Visitors the week before" : null, previous ? report.previousWeekVisitors() : null);
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
    private static String keyFigures(Figures f, String visitorsRemark) {
        StringBuilder text = new StringBuilder(String.format(Locale.ENGLISH, "Visitors %,d", f.visitors())).append(visitorsRemark);
        text.append(" · Conversion ").append(percent(f.conversionRate()));
        text.append(" · Revenue ").append(grouped(f.revenue())).append(' ').append(f.currency());
        if (f.atv() != null) {
            text.append(" · ATV ").append(grouped(f.atv())).append(' ').append(f.currency());
        }
        return text.toString();
    }

    /** " (+6.1 % vs last week)", or nothing without a comparison. */
    private static String change(Double percent, String versus) {
        return percent == null ? "" : String.format(Locale.ENGLISH, " (%+.1f %% %s)", percent, versus);
    }

    /** "18240.50" as "18,240.50", for a reader (the JSON and CSV keep the plain decimal). */
    static String grouped(String amount) {
        java.math.BigDecimal value = new java.math.BigDecimal(amount);
        java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0", java.text.DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        format.setMinimumFractionDigits(Math.max(0, value.scale()));
        format.setMaximumFractionDigits(Math.max(0, value.scale()));
        return format.format(value);
    }

    private static String percent(Double fraction) {
        return fraction == null ? "–" : String.format(Locale.ENGLISH, "%.1f %%", fraction * 100);
    }

    /** A row's cells; nulls stay (empty cells). */
    private static List<Object> cells(Object... values) {
        return java.util.Arrays.asList(values);
    }
}

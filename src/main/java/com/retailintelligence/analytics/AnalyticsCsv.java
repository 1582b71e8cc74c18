package com.retailintelligence.analytics;

import java.util.ArrayList;
import java.util.List;

/** The CSV tables of the analytics: one header row, one row per period, hour or store. */
public final class AnalyticsCsv {

    /** The figure columns every table ends with. */
    public static final List<String> FIGURE_COLUMNS = List.of("visitors", "exits", "transactions", "items", "revenue", "grossSales",
            "refunds", "refundCount", "conversionRate", "atv", "upt", "salesPerVisitor", "currency");

    private AnalyticsCsv() {
    }

    public static List<Object> figureCells(Figures f) {
        List<Object> cells = new ArrayList<>();
        cells.add(f.visitors());
        cells.add(f.exits());
        cells.add(f.transactions());
        cells.add(f.items());
        cells.add(f.revenue());
        cells.add(f.grossSales());
        cells.add(f.refunds());
        cells.add(f.refundCount());
        cells.add(f.conversionRate());
        cells.add(f.atv());
        cells.add(f.upt());
        cells.add(f.salesPerVisitor());
        cells.add(f.currency());
        return cells;
    }

    static byte[] range(RangeFigures range) {
        List<Object> header = new ArrayList<>(List.of("period", "from", "to", "days"));
        header.addAll(FIGURE_COLUMNS);
        header.add("busiestDay");
        Csv csv = new Csv().row(header);
        for (RangeFigures.Period period : range.periods()) {
            List<Object> row = new ArrayList<>(List.of(period.period(), period.from(), period.to(), period.days()));
            row.addAll(figureCells(period.figures()));
            row.add(period.busiestDay() == null ? null : period.busiestDay().date());
            csv.row(row);
        }
        List<Object> total = new ArrayList<>(List.of("total", range.from(), range.to(), range.to().toEpochDay() - range.from().toEpochDay() + 1));
        total.addAll(figureCells(range.total()));
        total.add(null);
        return csv.row(total).bytes();
    }
}

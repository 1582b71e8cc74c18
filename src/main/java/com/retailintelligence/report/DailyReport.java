package com.retailintelligence.report;

import java.time.OffsetDateTime;
import java.util.List;

import com.retailintelligence.analytics.Summary;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The daily report of a store: the summary (with its comparison and forecast) and the hourly table beside last week's. */
@RegisterForReflection
public record DailyReport(String kind, Summary summary, List<Hour> hours) {

    /** One local hour and the same hour a week earlier (null on the repeated hour of a DST day). */
    @RegisterForReflection
    public record Hour(OffsetDateTime start, String hour, boolean open, long visitors, long exits, long transactions, long items,
            String revenue, Double conversionRate, Long lastWeekVisitors, Long lastWeekTransactions, String lastWeekRevenue) {
    }
}

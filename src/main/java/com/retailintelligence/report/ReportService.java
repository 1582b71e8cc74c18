package com.retailintelligence.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.RollupRepository.StoreDay;
import com.retailintelligence.analytics.AnalyticsService;
import com.retailintelligence.analytics.Comparisons;
import com.retailintelligence.analytics.Counts;
import com.retailintelligence.analytics.DayFactsReader;
import com.retailintelligence.analytics.DayView;
import com.retailintelligence.analytics.Figures;
import com.retailintelligence.analytics.RangeBucket;
import com.retailintelligence.analytics.RangeFigures;
import com.retailintelligence.store.Store;
import com.retailintelligence.store.StoreService;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The one place reports are made, in every format (JSON, CSV, PNG) — REST serves them and the Telegram bot will
 * send exactly these. Reports of ended periods are cached ({@link ReportCache}); charts are drawn on a worker
 * thread, never on an event loop. Each returns null for a store outside the scope or unknown.
 */
@ApplicationScoped
public class ReportService {

    private final StoreService stores;
    private final AnalyticsService analytics;
    private final ReportCache cache;
    private final ChartRenderer charts;
    private final ObjectMapper mapper;

    public ReportService(StoreService stores, AnalyticsService analytics, ReportCache cache, ChartRenderer charts, ObjectMapper mapper) {
        this.stores = stores;
        this.analytics = analytics;
        this.cache = cache;
        this.charts = charts;
        this.mapper = mapper;
    }

    /** A store's daily report; {@code date} null: the store's local today. */
    public Uni<Report> daily(StoreScope scope, String storeId, LocalDate date, ReportFormat format) {
        return withStore(scope, storeId, store -> {
            ZoneId zone = ZoneId.of(store.timezone());
            LocalDate day = date != null ? date : LocalDate.now(zone);
            String filename = storeId + "-daily-" + day + "." + format.extension;
            Uni<Report> build = analytics.day(scope, store, day)
                    .chain(view -> render(ReportContent.daily(view), format, filename, ReportContent::dailyCsv, ReportContent::dailyChart));
            if (!DayFactsReader.ended(day, zone, Instant.now())) {
                return build;
            }
            List<StoreDay> reads = new ArrayList<>();
            reads.add(new StoreDay(storeId, day));
            DayView.historyDays(day).forEach(d -> reads.add(new StoreDay(storeId, d)));
            return cache.get(storeId, "daily:" + day + ":" + format.extension, reads, format.mediaType, filename, () -> build);
        });
    }

    /** A store's weekly report for the ISO week starting on {@code monday} (null: the store's current week). */
    public Uni<Report> weekly(StoreScope scope, String storeId, LocalDate monday, ReportFormat format) {
        return withStore(scope, storeId, store -> {
            ZoneId zone = ZoneId.of(store.timezone());
            LocalDate from = monday != null ? monday : LocalDate.now(zone).with(java.time.DayOfWeek.MONDAY);
            LocalDate to = from.plusDays(6);
            String week = RangeBucket.WEEK.label(from);
            String filename = storeId + "-weekly-" + week + "." + format.extension;
            Uni<Report> build = weeklyReport(scope, store, week, from, to)
                    .chain(report -> render(report, format, filename, ReportContent::weeklyCsv, ReportContent::weeklyChart));
            if (!DayFactsReader.ended(to, zone, Instant.now())) {
                return build;
            }
            List<StoreDay> reads = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                reads.add(new StoreDay(storeId, from.plusDays(i)));
                reads.add(new StoreDay(storeId, from.minusWeeks(1).plusDays(i)));
                reads.add(new StoreDay(storeId, from.minusDays(364).plusDays(i)));
            }
            return cache.get(storeId, "weekly:" + week + ":" + format.extension, reads, format.mediaType, filename, () -> build);
        });
    }

    /** The day across the caller's stores (null date: each store's local today); not cached, as it differs by caller. */
    public Uni<Report> chain(StoreScope scope, LocalDate date, ReportFormat format) {
        String filename = "summary-" + (date == null ? "today" : date.toString()) + "." + format.extension;
        return analytics.chain(scope, date, 10).chain(summary -> render(summary, format, filename, ReportContent::chainCsv,
                chain -> ReportContent.chainChart(chain, date)));
    }

    private Uni<WeeklyReport> weeklyReport(StoreScope scope, Store store, String week, LocalDate from, LocalDate to) {
        Uni<RangeFigures> thisWeek = analytics.range(scope, store, from, to, RangeBucket.DAY);
        Uni<RangeFigures> weekBefore = analytics.range(scope, store, from.minusWeeks(1), to.minusWeeks(1), RangeBucket.DAY);
        Uni<RangeFigures> yearBefore = analytics.range(scope, store, from.minusDays(364), to.minusDays(364), RangeBucket.DAY);
        LocalDate today = LocalDate.now(ZoneId.of(store.timezone()));
        LocalDate until = today.isBefore(to) && !today.isBefore(from) ? today : to;
        int days = (int) (until.toEpochDay() - from.toEpochDay() + 1);
        return Uni.combine().all().unis(thisWeek, weekBefore, yearBefore).with((now, before, lastYear) -> {
            String currency = store.currency();
            List<Long> previousVisitors = before.periods().stream().map(p -> p.figures().visitors()).toList();
            Figures beforeSoFar = firstDays(before, days, currency);
            Figures lastYearSoFar = firstDays(lastYear, days, currency);
            return new WeeklyReport("weekly", store.id(), store.name(), week, from, to, store.timezone(), currency, now.total(), now.periods(),
                    until, new WeeklyReport.Comparisons(Comparisons.of(now.total(), before.from(), hasData(beforeSoFar) ? beforeSoFar : null, currency),
                            Comparisons.of(now.total(), lastYear.from(), hasData(lastYearSoFar) ? lastYearSoFar : null, currency)),
                    previousVisitors);
        });
    }

    /** The figures of a range's first {@code days} days (all of them for a week that is over). */
    private static Figures firstDays(RangeFigures range, int days, String currency) {
        if (days >= range.periods().size()) {
            return range.total();
        }
        Counts sum = Counts.ZERO;
        for (RangeFigures.Period day : range.periods().subList(0, days)) {
            sum = sum.plus(Counts.of(day.figures()));
        }
        return Figures.ofPeriod(sum, currency);
    }

    private static boolean hasData(Figures f) {
        return f.visitors() + f.exits() + f.transactions() + f.refundCount() > 0;
    }

    private <T> Uni<Report> render(T content, ReportFormat format, String filename, Function<T, byte[]> csv, Function<T, ChartSpec> chart) {
        return switch (format) {
            case JSON -> Uni.createFrom().item(new Report(json(content), format.mediaType, filename));
            case CSV -> Uni.createFrom().item(new Report(csv.apply(content), format.mediaType, filename));
            case PNG -> Uni.createFrom().item(() -> new Report(charts.png(chart.apply(content)), format.mediaType, filename))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        };
    }

    private byte[] json(Object content) {
        try {
            return mapper.writeValueAsBytes(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Report> withStore(StoreScope scope, String storeId, Function<Store, Uni<Report>> work) {
        if (!scope.allows(storeId)) {
            return Uni.createFrom().nullItem();
        }
        return stores.find(scope, storeId).chain(store -> store == null ? Uni.createFrom().nullItem() : work.apply(store));
    }
}

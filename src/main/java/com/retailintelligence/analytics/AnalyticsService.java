package com.retailintelligence.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.DayAggregateReader;
import com.retailintelligence.aggregate.RollupRepository;
import com.retailintelligence.aggregate.RollupRepository.StoreDay;
import com.retailintelligence.aggregate.RollupRow;
import com.retailintelligence.store.Store;
import com.retailintelligence.store.StoreService;
import com.retailintelligence.validation.Money;

import io.smallrye.mutiny.Uni;

/**
 * The analytics every interface shows (REST, reports, later the bot and the dashboard): a store's day, its
 * range per period, and the day across a chain. Each returns null for a store outside the scope or unknown.
 */
@ApplicationScoped
public class AnalyticsService {

    /** The longest range one call may read. */
    public static final int MAX_RANGE_DAYS = 400;

    private final StoreService stores;
    private final DayFactsReader facts;
    private final StoreSettingsService settings;
    private final RollupRepository rollups;
    private final DayAggregateReader aggregates;

    public AnalyticsService(StoreService stores, DayFactsReader facts, StoreSettingsService settings, RollupRepository rollups,
            DayAggregateReader aggregates) {
        this.stores = stores;
        this.facts = facts;
        this.settings = settings;
        this.rollups = rollups;
        this.aggregates = aggregates;
    }

    /** A store's day (null date: the store's local today) with what it is compared with and forecast from. */
    public Uni<DayView> day(StoreScope scope, String storeId, LocalDate date) {
        return store(scope, storeId).chain(store -> store == null ? Uni.createFrom().nullItem() : day(scope, store, date));
    }

    /** {@link #day} of a store already read (and in the scope): for callers that needed it first, like the reports. */
    public Uni<DayView> day(StoreScope scope, Store store, LocalDate date) {
        ZoneId zone = ZoneId.of(store.timezone());
        Instant now = Instant.now();
        LocalDate day = date != null ? date : LocalDate.ofInstant(now, zone);
        return Uni.combine().all().unis(facts.day(scope, store.id(), zone, day), facts.days(scope, store.id(), zone, DayView.historyDays(day)),
                settings.read(scope, store.id())).with((today, history, storeSettings) -> new DayView(store, day, now, today, history, storeSettings));
    }

    /** A store's figures per period from {@code from} to {@code to} (checked: in order, at most 400 days). */
    public Uni<RangeFigures> range(StoreScope scope, String storeId, LocalDate from, LocalDate to, RangeBucket bucket) {
        return store(scope, storeId).chain(store -> store == null ? Uni.createFrom().nullItem() : range(scope, store, from, to, bucket));
    }

    /** {@link #range} of a store already read (and in the scope). */
    public Uni<RangeFigures> range(StoreScope scope, Store store, LocalDate from, LocalDate to, RangeBucket bucket) {
        return rollups.dayTotals(scope, List.of(store.id()), from, to).map(rows -> range(store, from, to, bucket, rows));
    }

    static RangeFigures range(Store store, LocalDate from, LocalDate to, RangeBucket bucket, List<RollupRow> rows) {
        Map<LocalDate, Map<String, Long>> byDay = new HashMap<>();
        rows.forEach(row -> byDay.computeIfAbsent(row.localDay(), d -> new HashMap<>()).put(row.metric(), row.value()));
        String currency = store.currency();
        List<RangeFigures.Period> periods = new ArrayList<>();
        Counts total = Counts.ZERO;
        for (LocalDate start = bucket.start(from); !start.isAfter(to); start = bucket.end(start).plusDays(1)) {
            LocalDate first = start.isBefore(from) ? from : start;
            LocalDate last = bucket.end(start).isAfter(to) ? to : bucket.end(start);
            Counts sum = Counts.ZERO;
            LocalDate busiest = null;
            long most = 0;
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                Counts c = Counts.of(byDay.getOrDefault(day, Map.of()));
                sum = sum.plus(c);
                if (c.visitors() > most) {
                    most = c.visitors();
                    busiest = day;
                }
            }
            total = total.plus(sum);
            periods.add(new RangeFigures.Period(bucket.label(start), first, last, (int) (last.toEpochDay() - first.toEpochDay() + 1),
                    Figures.ofPeriod(sum, currency), busiest == null ? null : new RangeFigures.BusiestDay(busiest, most)));
        }
        return new RangeFigures(store.id(), from, to, bucket.key(), store.timezone(), currency, periods, Figures.ofPeriod(total, currency));
    }

    /** The day (null: each store's local today) across the stores of the scope, with the top {@code top} of each ranking. */
    public Uni<ChainSummary> chain(StoreScope scope, LocalDate date, int top) {
        return stores.list(scope).chain(list -> {
            Instant now = Instant.now();
            List<StoreDay> days = new ArrayList<>(list.size());
            list.forEach(store -> days.add(new StoreDay(store.id(), date != null ? date : LocalDate.ofInstant(now, ZoneId.of(store.timezone())))));
            return aggregates.totals(scope, days).map(totals -> chain(list, days, totals, date, top));
        });
    }

    static ChainSummary chain(List<Store> list, List<StoreDay> days, Map<StoreDay, Map<String, Long>> totals, LocalDate date, int top) {
        List<ChainSummary.StoreFigures> figures = new ArrayList<>(list.size());
        Counts all = Counts.ZERO;
        Map<String, Counts> byCurrency = new TreeMap<>();
        Map<String, Integer> storesByCurrency = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Store store = list.get(i);
            Counts c = Counts.of(totals.getOrDefault(days.get(i), Map.of()));
            figures.add(new ChainSummary.StoreFigures(store.id(), store.name(), days.get(i).day(), store.timezone(),
                    Figures.ofDay(c, store.currency(), null, null)));
            all = all.plus(c);
            byCurrency.merge(store.currency(), c, Counts::plus);
            storesByCurrency.merge(store.currency(), 1, Integer::sum);
        }
        List<ChainSummary.CurrencyTotals> currencies = new ArrayList<>();
        byCurrency.forEach((currency, c) -> {
            Long atv = Ratios.perUnit(c.revenueMinor(), c.transactions());
            Long perVisitor = Ratios.perUnit(c.revenueMinor(), c.visitors());
            currencies.add(new ChainSummary.CurrencyTotals(currency, storesByCurrency.get(currency), Money.format(c.revenueMinor(), currency),
                    c.revenueMinor(), Money.format(c.grossMinor(), currency), Money.format(c.refundsMinor(), currency),
                    atv == null ? null : Money.format(atv, currency), perVisitor == null ? null : Money.format(perVisitor, currency)));
        });
        ChainSummary.Totals chainTotals = new ChainSummary.Totals(all.visitors(), all.exits(), all.transactions(), all.items(),
                Ratios.ratio(all.transactions(), all.visitors()), Ratios.ratio(all.items(), all.transactions()), currencies);

        List<ChainSummary.Rank> byVisitors = rank(figures, f -> f.figures().visitors(), f -> f.figures().visitors(), top);
        Map<String, List<ChainSummary.Rank>> byRevenue = new LinkedHashMap<>();
        byCurrency.keySet().forEach(currency -> byRevenue.put(currency, rank(figures.stream()
                .filter(f -> currency.equals(f.figures().currency())).toList(), f -> f.figures().revenueMinor(), f -> f.figures().revenue(), top)));
        List<ChainSummary.Rank> byConversion = rank(figures.stream().filter(f -> f.figures().conversionRate() != null).toList(),
                f -> f.figures().conversionRate(), f -> f.figures().conversionRate(), top);
        return new ChainSummary(date, list.size(), figures, chainTotals, new ChainSummary.Rankings(byVisitors, byRevenue, byConversion));
    }

    /** Highest first; ties by store id, so the order is stable. */
    private static List<ChainSummary.Rank> rank(List<ChainSummary.StoreFigures> figures, ToDoubleFunction<ChainSummary.StoreFigures> score,
            java.util.function.Function<ChainSummary.StoreFigures, Object> value, int top) {
        List<ChainSummary.StoreFigures> sorted = new ArrayList<>(figures);
        sorted.sort(Comparator.comparingDouble(score).reversed().thenComparing(ChainSummary.StoreFigures::storeId));
        List<ChainSummary.Rank> ranks = new ArrayList<>();
        for (int i = 0; i < Math.min(top, sorted.size()); i++) {
            ChainSummary.StoreFigures f = sorted.get(i);
            ranks.add(new ChainSummary.Rank(i + 1, f.storeId(), f.name(), value.apply(f)));
        }
        return ranks;
    }

    private Uni<Store> store(StoreScope scope, String storeId) {
        return scope.allows(storeId) ? stores.find(scope, storeId) : Uni.createFrom().nullItem();
    }
}

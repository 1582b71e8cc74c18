package com.retailintelligence.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.retailintelligence.support.CsvParsing;

/** The pure pieces of the analytics: ISO weeks at a year's edge, rounding, CSV quoting. No Quarkus, fast. */
class AnalyticsPiecesTest {

    @Test
    void isoWeeksBelongToTheirWeekBasedYear() {
        // 2027-01-01 is a Friday: it belongs to the last week of 2026 (2026 has 53 ISO weeks).
        assertEquals("2026-W53", RangeBucket.WEEK.label(RangeBucket.WEEK.start(LocalDate.of(2027, 1, 1))));
        assertEquals(LocalDate.of(2026, 12, 28), RangeBucket.WEEK.start(LocalDate.of(2027, 1, 3)));
        assertEquals("2027-W01", RangeBucket.WEEK.label(LocalDate.of(2027, 1, 4)));
        // 2024-12-30 is a Monday in week 1 of 2025.
        assertEquals("2025-W01", RangeBucket.WEEK.label(LocalDate.of(2024, 12, 30)));
        assertEquals(LocalDate.of(2024, 2, 29), RangeBucket.MONTH.end(LocalDate.of(2024, 2, 1)));
        assertEquals("2024-02", RangeBucket.MONTH.label(LocalDate.of(2024, 2, 1)));
    }

    @Test
    void rangeCutsItsFirstAndLastPeriods() {
        var store = new com.retailintelligence.store.Store("s", "S", "UTC", null, "EUR", null);
        RangeFigures weeks = AnalyticsService.range(store, LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 5), RangeBucket.WEEK, List.of());
        assertEquals(2, weeks.periods().size());
        assertEquals(LocalDate.of(2026, 12, 31), weeks.periods().get(0).from());
        assertEquals(4, weeks.periods().get(0).days());
        assertEquals("2027-W01", weeks.periods().get(1).period());
        assertEquals(2, weeks.periods().get(1).days());
        assertNull(weeks.total().conversionRate());
    }

    @Test
    void perUnitRoundsHalfUpAndDivisionsByZeroAreNull() {
        assertEquals(1500L, Ratios.perUnit(4499, 3));
        assertEquals(2L, Ratios.perUnit(5, 3));
        assertEquals(-2L, Ratios.perUnit(-5, 3), "a negative revenue (refunds) rounds away from zero at .5 and to the nearest else");
        assertEquals(-3L, Ratios.perUnit(-5, 2));
        assertNull(Ratios.perUnit(100, 0));
        assertNull(Ratios.ratio(3, 0));
        assertNull(Ratios.ratio(1.0, 0.0));
        assertNull(Ratios.ratio(null, 2.0));
        assertEquals(0.0, Ratios.ratio(0, 5));
    }

    @Test
    void changeInPercentHasTwoDecimals() {
        assertEquals(124.95, Comparisons.percent(2499, 2000));
        assertEquals(-33.33, Comparisons.percent(-1, 3));
        assertNull(Comparisons.percent(5, 0));
    }

    @Test
    void csvQuotesWhatNeedsItAndNeutralisesFormulas() {
        String text = new String(new Csv().row(Arrays.asList("name", "value")).row(Arrays.asList(Csv.text("=HYPERLINK(\"x\")"), "1,5"))
                .row(Arrays.asList(Csv.text("Café \"Le Nord\"\nParis"), null)).row(Arrays.asList("-12.50", Csv.text("-12.50"))).bytes(),
                StandardCharsets.UTF_8);
        List<List<String>> rows = CsvParsing.parse(text);
        assertEquals(List.of("'=HYPERLINK(\"x\")", "1,5"), rows.get(1));
        assertEquals(List.of("Café \"Le Nord\"\nParis", ""), rows.get(2));
        assertEquals(List.of("-12.50", "'-12.50"), rows.get(3), "numbers stay numbers; only free text is neutralised");
        assertEquals('\uFEFF', text.charAt(0));
    }
}

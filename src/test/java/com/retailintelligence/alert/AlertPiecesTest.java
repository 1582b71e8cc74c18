package com.retailintelligence.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.retailintelligence.analytics.StoreSettings;

/** The engine's small rules on their own: quiet hours (also across midnight), opening, and the per-rule hints. */
class AlertPiecesTest {

    private static Rule quiet(String from, String to) {
        return new Rule(1L, "s", RuleType.SENSOR_SILENT, "info", Duration.ZERO, LocalTime.parse(from), LocalTime.parse(to), true,
                null, null, 10, null, null, null, null);
    }

    @Test
    void quietHoursIncludeTheirStartExcludeTheirEndAndMaySpanMidnight() {
        Rule night = quiet("22:00", "07:00");
        assertTrue(night.quietAt(LocalTime.of(22, 0)));
        assertTrue(night.quietAt(LocalTime.of(3, 0)));
        assertTrue(night.quietAt(LocalTime.of(6, 59)));
        assertFalse(night.quietAt(LocalTime.of(7, 0)));
        assertFalse(night.quietAt(LocalTime.of(12, 0)));
        Rule lunch = quiet("12:00", "13:00");
        assertTrue(lunch.quietAt(LocalTime.of(12, 30)));
        assertFalse(lunch.quietAt(LocalTime.of(13, 0)));
        assertFalse(lunch.quietAt(LocalTime.of(11, 59)));
        Rule none = new Rule(1L, "s", RuleType.SENSOR_SILENT, "info", Duration.ZERO, null, null, true, null, null, 10, null, null, null, null);
        assertFalse(none.quietAt(LocalTime.of(3, 0)));
    }

    @Test
    void aStoreOpensAtItsOpeningHourOrAtMidnightWithoutHoursSet() {
        ZoneId lisbon = ZoneId.of("Europe/Lisbon");
        StoreSettings hours = new StoreSettings(Map.of(DayOfWeek.WEDNESDAY, new StoreSettings.OpeningDay(9, 21),
                DayOfWeek.SUNDAY, new StoreSettings.OpeningDay(null, null)), Map.of());
        Instant wednesdayNoon = Instant.parse("2026-12-02T12:00:00Z"); // Lisbon is on UTC in December
        assertEquals(Instant.parse("2026-12-02T09:00:00Z"), OpenHours.openedAt(hours, lisbon, wednesdayNoon));
        assertNull(OpenHours.openedAt(hours, lisbon, Instant.parse("2026-12-02T21:00:00Z")), "closed from 21:00");
        assertNull(OpenHours.openedAt(hours, lisbon, Instant.parse("2026-12-02T08:59:00Z")));
        assertNull(OpenHours.openedAt(hours, lisbon, Instant.parse("2026-12-06T12:00:00Z")), "closed on Sunday");
        assertEquals(Instant.parse("2026-12-03T00:00:00Z"), OpenHours.openedAt(hours, lisbon, Instant.parse("2026-12-03T12:00:00Z")),
                "Thursday has no hours set: open all day");
    }

    @Test
    void hintsHoldBackStatementsThatCannotChangeAnythingAndExpire() {
        RuleHints hints = new RuleHints();
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        assertTrue(hints.mayFire(7, now));
        assertTrue(hints.begin(7, now));
        assertFalse(hints.begin(7, now), "one attempt in flight at a time");
        assertFalse(hints.mayFire(7, now));
        hints.open(7, now);
        assertFalse(hints.mayFire(7, now.plusSeconds(10)), "known open");
        assertTrue(hints.mayResolve(7, now.plusSeconds(10)));
        assertTrue(hints.mayFire(7, now.plusSeconds(31)), "checked again after 30 s: another replica may have resolved it");
        hints.cooling(7, now.plusSeconds(600));
        assertFalse(hints.mayFire(7, now.plusSeconds(599)));
        assertTrue(hints.mayFire(7, now.plusSeconds(600)));
        hints.closed(7, now);
        assertTrue(hints.mayFire(7, now));
        assertFalse(hints.mayResolve(7, now.plusSeconds(10)), "known closed");
        assertTrue(hints.mayResolve(7, now.plusSeconds(31)));
        hints.forget(7);
        assertTrue(hints.mayResolve(7, now) && hints.mayFire(7, now));
    }

    @Test
    void messagesKeepOneDecimal() {
        assertEquals("93.3", AlertTexts.number(93.33333));
        assertEquals("90", AlertTexts.number(90.0));
        assertEquals("0.1", AlertTexts.number(0.05));
    }
}

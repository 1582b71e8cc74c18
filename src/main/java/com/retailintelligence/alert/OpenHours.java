package com.retailintelligence.alert;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.retailintelligence.analytics.StoreSettings;

/** Whether a store is open at an instant, by its opening hours (a weekday with none set counts as open all day). */
final class OpenHours {

    private OpenHours() {
    }

    /** When the store opened for the stretch that includes {@code at}, or null when it is closed then. */
    static Instant openedAt(StoreSettings settings, ZoneId zone, Instant at) {
        ZonedDateTime local = at.atZone(zone);
        StoreSettings.OpeningDay day = settings.openingDay(local.toLocalDate());
        if (day == null) {
            return local.toLocalDate().atStartOfDay(zone).toInstant();
        }
        if (day.closed() || local.getHour() < day.opensHour() || local.getHour() >= day.closesHour()) {
            return null;
        }
        return local.toLocalDate().atTime(day.opensHour(), 0).atZone(zone).toInstant();
    }
}

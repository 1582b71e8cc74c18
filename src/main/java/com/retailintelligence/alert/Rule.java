package com.retailintelligence.alert;

import java.time.Duration;
import java.time.LocalTime;

/**
 * An alert rule as the engine and the JSON see it. Parameters the type does not take are null; {@code id} and
 * {@code storeId} are null in a rule read from a request body.
 */
public record Rule(Long id, String storeId, RuleType type, String severity, Duration cooldown, LocalTime quietFrom,
        LocalTime quietTo, boolean enabled, Double percent, Double resolvePercent, Integer minutes, Integer minVisitors,
        Integer windowMinutes, Double factor, Integer consecutive) {

    /** True while the store-local time is within the quiet hours (from inclusive, to exclusive; may span midnight). */
    boolean quietAt(LocalTime local) {
        if (quietFrom == null) {
            return false;
        }
        return quietFrom.isBefore(quietTo) ? !local.isBefore(quietFrom) && local.isBefore(quietTo)
                : !local.isBefore(quietFrom) || local.isBefore(quietTo);
    }
}

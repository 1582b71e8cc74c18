package com.retailintelligence.alert;

import java.time.Instant;
import java.util.Map;

/**
 * One alert event as every channel delivers it: an alert that fired ({@code resolvedAt} null) or one that resolved.
 * {@code message} is the human text of this event; {@code values} what the rule saw and its thresholds.
 */
public record AlertNotice(long alertId, String storeId, String storeName, Long ruleId, String rule, String severity, String message,
        Instant firedAt, Instant resolvedAt, Map<String, Object> values) {

    public static final String FIRED = "alert";
    public static final String RESOLVED = "alert-resolved";

    public boolean resolved() {
        return resolvedAt != null;
    }

    /** The live message's {@code type}: alert or alert-resolved. */
    public String type() {
        return resolved() ? RESOLVED : FIRED;
    }
}

package com.retailintelligence.alert;

import java.util.List;

/** The states of an alert, as the API names them. */
final class AlertStatus {

    static final String OPEN = "open";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String RESOLVED = "resolved";
    static final List<String> ALL = List.of(OPEN, ACKNOWLEDGED, RESOLVED);

    private AlertStatus() {
    }
}

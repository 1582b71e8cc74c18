package com.retailintelligence.alert;

/** The states of an alert, as the API names them. */
final class AlertStatus {

    static final String OPEN = "open";
    static final String ACKNOWLEDGED = "acknowledged";
    static final String RESOLVED = "resolved";

    private AlertStatus() {
    }
}

package com.retailintelligence.alert;

/** The numeric ids in the alert paths (rules, alerts): a positive whole number, or null (no row has such an id: 404). */
final class PathIds {

    private PathIds() {
    }

    static Long positive(String text) {
        if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
            return null;
        }
        return Long.parseLong(text);
    }
}

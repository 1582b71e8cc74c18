package com.retailintelligence.store;

/** The rule for store ids: a lowercase slug that sensors and POS systems can embed in their payloads. */
public final class StoreIds {

    static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";
    static final String MESSAGE = "must be a slug of 1 to 64 lowercase letters, digits and hyphens, not starting with a hyphen";

    private StoreIds() {
    }

    /** [a-z0-9][a-z0-9-]{0,63}, checked by hand: it runs on hot paths (a regex match per event showed in a profile). */
    public static boolean isValid(String value) {
        int length = value == null ? 0 : value.length();
        if (length == 0 || length > 64 || value.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}

package com.retailintelligence.store;

/** The rule for store ids: a lowercase slug that sensors and POS systems can embed in their payloads. */
final class StoreIds {

    static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";
    static final String MESSAGE = "must be a slug of 1 to 64 lowercase letters, digits and hyphens, not starting with a hyphen";

    private StoreIds() {
    }
}

package com.retailintelligence.store;

/** What a store update did: the store as it now is, no such store, or a currency change refused. */
public sealed interface UpdateOutcome {

    record Updated(Store store) implements UpdateOutcome {
    }

    record NotFound() implements UpdateOutcome {
    }

    /** The store has sales recorded in {@code currency}, so its currency stays. */
    record CurrencyLocked(String currency) implements UpdateOutcome {
    }
}

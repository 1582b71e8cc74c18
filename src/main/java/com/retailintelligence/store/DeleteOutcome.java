package com.retailintelligence.store;

/** What a store deletion did. */
public enum DeleteOutcome {
    DELETED, NOT_FOUND, HAS_DATA
}

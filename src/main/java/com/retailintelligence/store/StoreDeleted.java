package com.retailintelligence.store;

/** Announced (a CDI event) once a store's deletion has committed, so features that keep data of their own can drop it. */
public record StoreDeleted(String storeId) {
}

package com.retailintelligence.importing;

import java.util.Locale;

/** The two kinds of history an import loads: people-counter readings and sales, by their API names. */
public enum ImportKind {
    TRAFFIC, SALES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code traffic} or {@code sales}; null for anything else. */
    public static ImportKind parse(String text) {
        for (ImportKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        return null;
    }
}

package com.retailintelligence.importing;

import java.util.List;

/** Our field names of each kind of row: the JSON API's, plus amountMinor (an amount in minor units) for sales. */
final class RowFields {

    static final List<String> TRAFFIC = List.of("id", "storeId", "sensorId", "timestamp", "in", "out");
    static final List<String> SALES = List.of("id", "storeId", "timestamp", "amount", "amountMinor", "currency", "items", "type");
    static final List<String> STORES = List.of("id", "name", "timezone", "currency");
    static final List<String> CHAT_USERS = List.of("chatId", "username", "role", "stores");

    private RowFields() {
    }

    static List<String> of(ImportKind kind) {
        return kind == ImportKind.TRAFFIC ? TRAFFIC : SALES;
    }
}

package com.retailintelligence.sales;

import java.time.Instant;

import com.retailintelligence.ingest.IngestedEvent;

/** One POS transaction: a sale or a refund, its amount in minor units (cents) of its currency. */
public record SaleEvent(String id, String storeId, Instant timestamp, long amountMinor, String currency, Integer items,
        String type) implements IngestedEvent {

    public static final String SALE = "sale";
    public static final String REFUND = "refund";

    public boolean isRefund() {
        return REFUND.equals(type);
    }
}

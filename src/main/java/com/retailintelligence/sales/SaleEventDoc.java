package com.retailintelligence.sales;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented shape of one POS transaction (the body is read by hand, see EventBatch). */
@Schema(name = "SaleEvent")
public record SaleEventDoc(
        @Schema(required = true, description = "Unique per store, from the source", example = "pos7-88812") String id,
        @Schema(required = true, example = "lisbon-chiado") String storeId,
        @Schema(required = true, description = "ISO-8601 with offset, at most 5 minutes ahead",
                example = "2026-11-26T10:16:02Z") String timestamp,
        @Schema(required = true, description = "Decimal string or number >= 0, at most the currency's minor digits",
                example = "42.50") String amount,
        @Schema(required = true, description = "ISO 4217; must be the store's currency", example = "EUR") String currency,
        @Schema(minimum = "0", example = "3") Integer items,
        @Schema(enumeration = { "sale", "refund" }, defaultValue = "sale") String type) {
}

package com.retailintelligence.importing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailintelligence.store.StoreDirectory.StoreInfo;
import com.retailintelligence.validation.Currencies;

/**
 * Turns a source row into the JSON event live ingest reads, so that the same EventType.read validates it: the
 * timestamp read in the source's formats and zone, a decimal comma made a point, an amount in minor units made a
 * decimal, the store (and its currency) filled in when the source leaves them out, and an id when it has none.
 * What cannot be turned into an event at all is a {@link Problem} with the reason.
 */
final class RowConverter {

    /** A row that is refused before validation: the reason names the field. */
    static final class Problem extends Exception {
        Problem(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String idPrefix;
    private final String defaultStore;
    private final ZoneId zone;

    /**
     * @param idPrefix what a source id is prefixed with ("" for a CSV with ids in the API's sense; "legacy:counts:"
     *        for a SQLite table's ids, which are only unique within the table)
     * @param defaultStore the store of rows that name none (null: they are refused)
     * @param zone the zone of local timestamps (null: the store's own)
     */
    RowConverter(String idPrefix, String defaultStore, ZoneId zone) {
        this.idPrefix = idPrefix;
        this.defaultStore = defaultStore;
        this.zone = zone;
    }

    /** The store of rows that name none, if there is one. */
    java.util.Optional<String> defaultStore() {
        return java.util.Optional.ofNullable(defaultStore);
    }

    ObjectNode convert(SourceRow row, Map<String, StoreInfo> stores) throws Problem {
        Map<String, Object> values = row.values();
        ObjectNode event = NODES.objectNode();
        String storeId = text(values.get("storeId"));
        if (storeId == null) {
            storeId = defaultStore;
        }
        if (storeId == null) {
            throw new Problem("storeId: is required (the file has no store column: give --store)");
        }
        event.put("storeId", storeId);
        StoreInfo store = stores.get(storeId);
        ZoneId rowZone = zone != null ? zone : store != null ? store.zone() : ZoneId.of("UTC");
        Object timestamp = values.get("timestamp");
        if (timestamp == null) {
            throw new Problem("timestamp: is required");
        }
        Instant instant = SourceTimestamps.parse(timestamp, rowZone);
        if (instant == null) {
            throw new Problem("timestamp: '" + timestamp + "' is not a date and time this import reads (ISO-8601, "
                    + "2025-03-01 10:15:00, 01.03.2025 10:15, 01/03/2025 10:15, epoch seconds)");
        }
        event.put("timestamp", instant.toString());
        if (row.kind() == ImportKind.TRAFFIC) {
            event.put("sensorId", text(values.get("sensorId")));
            putCount(event, "in", values.get("in"));
            putCount(event, "out", values.get("out"));
        } else {
            String currency = text(values.get("currency"));
            if (currency == null && store != null) {
                currency = store.currency();
            }
            currency = currency == null ? null : currency.toUpperCase(java.util.Locale.ROOT);
            event.put("currency", currency);
            event.set("amount", amount(values, currency));
            if (values.get("items") != null) {
                putCount(event, "items", values.get("items"));
            }
            String type = text(values.get("type"));
            if (type != null) {
                event.put("type", type.toLowerCase(java.util.Locale.ROOT));
            }
        }
        String id = text(values.get("id"));
        event.put("id", id != null ? idPrefix + id : derivedId(row.kind(), event));
        return event;
    }

    /** A whole number as a JSON number; anything else as text, so that the ingest's own message refuses it. */
    private static void putCount(ObjectNode event, String field, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Long || value instanceof Integer) {
            event.put(field, ((Number) value).longValue());
            return;
        }
        String text = value.toString().strip();
        try {
            event.put(field, Long.parseLong(text));
        } catch (NumberFormatException e) {
            event.put(field, text);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode amount(Map<String, Object> values, String currency) throws Problem {
        Object minor = values.get("amountMinor");
        if (minor != null) {
            long cents;
            try {
                cents = minor instanceof Number number && !(minor instanceof Double || minor instanceof Float) ? number.longValue()
                        : Long.parseLong(minor.toString().strip());
            } catch (NumberFormatException e) {
                throw new Problem("amountMinor: '" + minor + "' is not a whole number of minor units");
            }
            Currency code = currency == null ? null : Currencies.find(currency);
            int digits = code == null ? 2 : Math.max(0, code.getDefaultFractionDigits());
            return NODES.textNode(BigDecimal.valueOf(cents, digits).toPlainString());
        }
        Object amount = values.get("amount");
        if (amount == null) {
            return NODES.nullNode();
        }
        if (amount instanceof Number number && !(amount instanceof Double || amount instanceof Float)) {
            return NODES.textNode(Long.toString(number.longValue()));
        }
        return NODES.textNode(decimalPoint(amount instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : amount.toString().strip()));
    }

    /**
     * "12,50" → "12.50"; "1.234,56" and "1,234.56" → "1234.56" (the last of ',' and '.' is the decimal separator);
     * grouping spaces dropped; a lone comma before exactly three digits is refused as ambiguous.
     */
    static String decimalPoint(String text) throws Problem {
        String s = text.replace(" ", "").replace("\u00A0", "").replace("\u202F", "");
        int comma = s.lastIndexOf(',');
        int point = s.lastIndexOf('.');
        if (point < 0 && comma >= 0 && s.indexOf(',') == comma && s.length() - comma - 1 == 3) {
            throw new Problem("amount: '" + text + "' is ambiguous (1,250 is 1.25 in some exports and 1250 in others); "
                    + "write it with a decimal point, or without grouping");
        }
        if (comma > point) {
            return s.replace(".", "").replace(',', '.');
        }
        return comma >= 0 ? s.replace(",", "") : s;
    }

    /** An id from the row's content: the same row imported twice gets the same id, so it is stored once. */
    private static String derivedId(ImportKind kind, ObjectNode event) {
        StringBuilder content = new StringBuilder(kind.wireName());
        for (String field : RowFields.of(kind)) {
            if (!field.equals("id") && event.has(field)) {
                content.append('\u0000').append(field).append('=').append(event.get(field).asText());
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
            return "import:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }
}

package com.retailintelligence.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.problem.Problem;
import com.retailintelligence.store.StoreIds;

/** Reads typed fields out of the events of a batch, collecting one error per bad field with its path. */
public final class FieldReader {

    /** At most 12 digits before the point: with 3 minor digits that is below 10^15, far inside a long and a double. */
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,12}(\\.\\d{1,6})?");
    private static final int MAX_ID_LENGTH = 128;

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final String futureLimit;
    private final Instant earliest;

    /** {@code maxFuture}: how far ahead of now a timestamp may be (as said in messages); {@code earliest}: the oldest accepted. */
    public FieldReader(java.time.Duration maxFuture, Instant earliest) {
        this.futureLimit = maxFuture.toMinutes() + " minutes";
        this.earliest = earliest;
    }

    /** The errors sorted by event index, then field. */
    public List<Problem.FieldError> sortedErrors() {
        List<Problem.FieldError> sorted = new ArrayList<>(errors);
        sorted.sort(java.util.Comparator.comparingInt((Problem.FieldError e) -> indexOf(e.field()))
                .thenComparing(Problem.FieldError::field));
        return sorted;
    }

    private static int indexOf(String field) {
        return Integer.parseInt(field.substring(1, field.indexOf(']')));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public void error(int index, String field, String message) {
        errors.add(new Problem.FieldError("[" + index + "]" + (field.isEmpty() ? "" : "." + field), message));
    }

    /** True when the event is a JSON object; otherwise records an error. */
    public boolean isObject(int index, JsonNode event) {
        if (!event.isObject()) {
            error(index, "", "must be an object");
            return false;
        }
        return true;
    }

    /** A required identifier: a non-blank string of at most 128 characters. */
    public String identifier(int index, JsonNode event, String field) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            error(index, field, "is required");
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            error(index, field, "must be a non-empty string");
            return null;
        }
        if (node.asText().length() > MAX_ID_LENGTH) {
            error(index, field, "must be at most " + MAX_ID_LENGTH + " characters");
            return null;
        }
        return node.asText();
    }

    /** A required store id in slug form. */
    public String storeId(int index, JsonNode event) {
        String value = identifier(index, event, "storeId");
        if (value != null && !StoreIds.isValid(value)) {
            error(index, "storeId", "must be a store id (lowercase letters, digits and hyphens)");
            return null;
        }
        return value;
    }

    /** A required ISO-8601 timestamp with an offset, not later than {@code latest}. */
    public Instant timestamp(int index, JsonNode event, Instant latest) {
        JsonNode node = event.get("timestamp");
        if (node == null || node.isNull()) {
            error(index, "timestamp", "is required");
            return null;
        }
        Instant instant = node.isTextual() ? Timestamps.parse(node.asText()) : null;
        if (instant == null) {
            error(index, "timestamp", "must be an ISO-8601 timestamp with an offset, such as 2026-11-26T10:15:00Z");
            return null;
        }
        if (instant.isAfter(latest)) {
            error(index, "timestamp", "is more than " + futureLimit + " in the future");
            return null;
        }
        if (instant.isBefore(earliest)) {
            error(index, "timestamp", "is before " + earliest + ", the earliest accepted");
            return null;
        }
        return instant;
    }

    /** A non-negative integer; when absent, {@code fallback} (null fallback means required). */
    public Integer count(int index, JsonNode event, String field, Integer fallback) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                error(index, field, "is required");
            }
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            error(index, field, "must be a whole number from 0 to 2147483647");
            return null;
        }
        return node.intValue();
    }

    /** A non-negative decimal below 10^12, given as a JSON number or a string such as "42.50". */
    public BigDecimal amount(int index, JsonNode event, String field) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            error(index, field, "is required");
            return null;
        }
        // A number is sized before it is written out: 1e999999999 must not become a billion digits.
        String text = node.isNumber() && isPlausibleAmount(node.decimalValue()) ? node.decimalValue().toPlainString()
                : node.isTextual() ? node.asText() : null;
        if (text == null || !DECIMAL.matcher(text).matches()) {
            error(index, field, "must be a non-negative decimal number below 1000000000000, such as \"42.50\"");
            return null;
        }
        return new BigDecimal(text);
    }

    private static boolean isPlausibleAmount(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.precision() - stripped.scale() <= 12 && stripped.scale() <= 6;
    }

    /** An optional string from a fixed set; when absent, {@code fallback}. */
    public String oneOf(int index, JsonNode event, String field, List<String> allowed, String fallback) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual() || !allowed.contains(node.asText())) {
            error(index, field, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return node.asText();
    }

    /** A required string, returned as is (for fields checked against other data, like a currency). */
    public String text(int index, JsonNode event, String field) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            error(index, field, "is required");
            return null;
        }
        if (!node.isTextual()) {
            error(index, field, "must be a string");
            return null;
        }
        return node.asText();
    }
}

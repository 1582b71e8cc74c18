package com.retailintelligence.analytics;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.problem.Problem.FieldError;
import com.retailintelligence.validation.Currencies;
import com.retailintelligence.validation.Money;

/**
 * The JSON of opening hours and targets: objects keyed by weekday ({@code monday} … {@code sunday}), read with
 * every mistake listed (field path and why), and written back in weekday order.
 */
final class SettingsJson {

    private static final Pattern HOUR = Pattern.compile("([01][0-9]|2[0-4]):00");
    private static final long MAX_EXACT = 9_007_199_254_740_991L;

    private SettingsJson() {
    }

    /** The outcome of reading a body: the values, or the mistakes (never both). */
    record Read<T>(T value, List<FieldError> errors) {
    }

    static Read<Map<DayOfWeek, StoreSettings.OpeningDay>> openingHours(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        Map<DayOfWeek, StoreSettings.OpeningDay> days = new EnumMap<>(DayOfWeek.class);
        forEachWeekday(body, errors, (day, field, node) -> {
            if (!node.isObject()) {
                errors.add(new FieldError(field, "must be an object: {\"opens\": \"09:00\", \"closes\": \"20:00\"} or {\"closed\": true}"));
                return;
            }
            unknownFields(node, field, Set.of("opens", "closes", "closed"), errors);
            JsonNode closed = node.get("closed");
            if (closed != null && !closed.isBoolean()) {
                errors.add(new FieldError(field + ".closed", "must be true or false"));
                return;
            }
            if (closed != null && closed.booleanValue()) {
                if (node.has("opens") || node.has("closes")) {
                    errors.add(new FieldError(field, "a closed day has no opens or closes"));
                } else {
                    days.put(day, new StoreSettings.OpeningDay(null, null));
                }
                return;
            }
            Integer opens = hour(node.get("opens"), field + ".opens", errors);
            Integer closes = hour(node.get("closes"), field + ".closes", errors);
            if (opens != null && closes != null) {
                if (opens >= closes) {
                    errors.add(new FieldError(field, "opens must be before closes (closes may be 24:00, midnight)"));
                } else {
                    days.put(day, new StoreSettings.OpeningDay(opens, closes));
                }
            }
        });
        return errors.isEmpty() ? new Read<>(days, List.of()) : new Read<>(null, errors);
    }

    static Read<Map<DayOfWeek, StoreSettings.Target>> targets(JsonNode body, String currency) {
        List<FieldError> errors = new ArrayList<>();
        Map<DayOfWeek, StoreSettings.Target> days = new EnumMap<>(DayOfWeek.class);
        forEachWeekday(body, errors, (day, field, node) -> {
            if (!node.isObject()) {
                errors.add(new FieldError(field, "must be an object with visitors, revenue and/or conversionRate"));
                return;
            }
            unknownFields(node, field, Set.of("visitors", "revenue", "conversionRate"), errors);
            int before = errors.size();
            Long visitors = null;
            JsonNode visitorsNode = node.get("visitors");
            if (visitorsNode != null && !visitorsNode.isNull()) {
                if (!visitorsNode.isIntegralNumber() || visitorsNode.asLong() < 0 || !visitorsNode.canConvertToLong()
                        || visitorsNode.asLong() > MAX_EXACT) {
                    errors.add(new FieldError(field + ".visitors", "must be a whole number from 0 to " + MAX_EXACT));
                } else {
                    visitors = visitorsNode.asLong();
                }
            }
            Long revenueMinor = revenue(node.get("revenue"), field + ".revenue", currency, errors);
            BigDecimal rate = null;
            JsonNode rateNode = node.get("conversionRate");
            if (rateNode != null && !rateNode.isNull()) {
                if (!rateNode.isNumber() || rateNode.decimalValue().signum() < 0 || rateNode.decimalValue().compareTo(BigDecimal.ONE) > 0
                        || rateNode.decimalValue().stripTrailingZeros().scale() > 4) {
                    errors.add(new FieldError(field + ".conversionRate", "must be a fraction from 0 to 1 with at most 4 decimals (0.25 = 25 %)"));
                } else {
                    rate = rateNode.decimalValue().stripTrailingZeros();
                }
            }
            if (errors.size() == before && (visitors != null || revenueMinor != null || rate != null)) {
                days.put(day, new StoreSettings.Target(visitors, revenueMinor, rate));
            }
        });
        return errors.isEmpty() ? new Read<>(days, List.of()) : new Read<>(null, errors);
    }

    static Map<String, Object> openingHoursView(Map<DayOfWeek, StoreSettings.OpeningDay> days) {
        Map<String, Object> view = new LinkedHashMap<>();
        days.forEach((day, hours) -> view.put(name(day), hours.closed() ? Map.of("closed", true)
                : new LinkedHashMap<>(Map.of("opens", hours.opens(), "closes", hours.closes()))));
        return view;
    }

    static Map<String, Object> targetsView(Map<DayOfWeek, StoreSettings.Target> days, String currency) {
        Map<String, Object> view = new LinkedHashMap<>();
        days.forEach((day, target) -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("visitors", target.visitors());
            one.put("revenue", target.revenueMinor() == null ? null : Money.format(target.revenueMinor(), currency));
            one.put("revenueMinor", target.revenueMinor());
            one.put("conversionRate", target.conversionRate());
            one.put("currency", currency);
            view.put(name(day), one);
        });
        return view;
    }

    static String name(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    private interface WeekdayField {
        void read(DayOfWeek day, String field, JsonNode node);
    }

    private static void forEachWeekday(JsonNode body, List<FieldError> errors, WeekdayField read) {
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("(body)", "must be a JSON object keyed by weekday (monday … sunday)"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            DayOfWeek day = weekday(field.getKey());
            if (day == null) {
                errors.add(new FieldError(field.getKey(), "is not a weekday (monday, tuesday, wednesday, thursday, friday, saturday, sunday)"));
            } else if (!field.getValue().isNull()) {
                read.read(day, field.getKey(), field.getValue());
            }
        }
    }

    private static DayOfWeek weekday(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (name(day).equals(name)) {
                return day;
            }
        }
        return null;
    }

    private static void unknownFields(JsonNode node, String field, Set<String> known, List<FieldError> errors) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new FieldError(field + "." + name, "is not a known field (" + String.join(", ", new java.util.TreeSet<>(known)) + ")"));
            }
        });
    }

    private static Integer hour(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required: a whole local hour, e.g. \"09:00\""));
            return null;
        }
        Matcher matcher = node.isTextual() ? HOUR.matcher(node.textValue()) : null;
        if (matcher == null || !matcher.matches()) {
            errors.add(new FieldError(field, "must be a whole local hour from \"00:00\" to \"24:00\", e.g. \"09:00\" "
                    + "(figures are kept per hour)"));
            return null;
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static Long revenue(JsonNode node, String field, String currency, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        java.util.Currency known = Currencies.find(currency);
        int digits = known == null ? 2 : known.getDefaultFractionDigits();
        try {
            if (!node.isTextual()) {
                throw new NumberFormatException();
            }
            BigDecimal amount = new BigDecimal(node.textValue());
            if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > digits) {
                throw new NumberFormatException();
            }
            long minor = amount.movePointRight(digits).longValueExact();
            if (minor > MAX_EXACT) {
                throw new NumberFormatException();
            }
            return minor;
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(new FieldError(field, "must be a decimal string in " + currency + " with at most " + digits
                    + " decimals, e.g. \"5000.00\", not negative"));
            return null;
        }
    }
}

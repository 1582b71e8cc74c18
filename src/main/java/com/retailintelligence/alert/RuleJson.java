package com.retailintelligence.alert;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.problem.Problem.FieldError;

/**
 * The JSON of an alert rule: read from a request body with every mistake named by its field, and written back. Omitted
 * common fields take defaults (severity warning, cooldown PT15M, no quiet hours, enabled); a type's parameters are
 * required unless docs/alerts.md gives a default.
 */
final class RuleJson {

    static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(15);
    static final Duration MAX_COOLDOWN = Duration.ofDays(7);
    static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");
    private static final Set<String> COMMON = Set.of("type", "severity", "cooldown", "quietHours", "enabled");
    private static final Set<String> ALL_PARAMETERS = Set.of("percent", "resolvePercent", "minutes", "minVisitors",
            "windowMinutes", "factor", "consecutive");
    private static final Pattern CLOCK = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private RuleJson() {
    }

    /** The rule, or the mistakes (never both). {@code capacity} is the store's (null: none set). */
    record Read(Rule rule, List<FieldError> errors) {
    }

    static Read read(JsonNode body, Integer capacity) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "the body must be a JSON object such as {\"type\":\"occupancy\",\"percent\":90}"));
            return new Read(null, errors);
        }
        JsonNode typeNode = body.get("type");
        RuleType type = typeNode != null && typeNode.isTextual() ? RuleType.of(typeNode.textValue()) : null;
        if (type == null) {
            errors.add(new FieldError("type", typeNode == null ? "is required: one of " + String.join(", ", RuleType.wireNames())
                    : "must be one of " + String.join(", ", RuleType.wireNames())));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!COMMON.contains(name) && !ALL_PARAMETERS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of an alert rule"));
            } else if (type != null && ALL_PARAMETERS.contains(name) && !type.parameters().contains(name)) {
                errors.add(new FieldError(name, "is not a parameter of a " + type.wireName() + " rule (it takes "
                        + String.join(", ", type.parameters().stream().sorted().toList()) + ")"));
            }
        }
        String severity = "warning";
        JsonNode severityNode = body.get("severity");
        if (severityNode != null) {
            if (severityNode.isTextual() && SEVERITIES.contains(severityNode.textValue())) {
                severity = severityNode.textValue();
            } else {
                errors.add(new FieldError("severity", "must be info, warning or critical"));
            }
        }
        Duration cooldown = cooldown(body.get("cooldown"), errors);
        LocalTime[] quiet = quietHours(body.get("quietHours"), errors);
        boolean enabled = true;
        JsonNode enabledNode = body.get("enabled");
        if (enabledNode != null) {
            if (enabledNode.isBoolean()) {
                enabled = enabledNode.booleanValue();
            } else {
                errors.add(new FieldError("enabled", "must be true or false"));
            }
        }
        Double percent = null;
        Double resolvePercent = null;
        Integer minutes = null;
        Integer minVisitors = null;
        Integer windowMinutes = null;
        Double factor = null;
        Integer consecutive = null;
        if (type == RuleType.OCCUPANCY) {
            percent = number(body, "percent", 1, 1000, true, errors);
            resolvePercent = number(body, "resolvePercent", 0, 1000, false, errors);
            if (percent != null && resolvePercent == null && !body.has("resolvePercent")) {
                resolvePercent = Math.max(0, percent - 10);
            }
            if (percent != null && resolvePercent != null && resolvePercent >= percent) {
                errors.add(new FieldError("resolvePercent", "must be below percent (" + plain(percent)
                        + "): the alert resolves when occupancy drops below it"));
            }
            if (capacity == null) {
                errors.add(new FieldError("percent", "the store has no capacity set; set one (PUT /api/v1/stores/{id}) first"));
            }
        } else if (type == RuleType.SENSOR_SILENT) {
            minutes = whole(body, "minutes", 1, 1440, null, errors);
        } else if (type == RuleType.POS_SILENT) {
            minutes = whole(body, "minutes", 1, 1440, null, errors);
            minVisitors = whole(body, "minVisitors", 1, 1_000_000, null, errors);
        } else if (type == RuleType.TRAFFIC_ANOMALY) {
            windowMinutes = whole(body, "windowMinutes", 15, 60, null, errors);
            if (windowMinutes != null && windowMinutes != 15 && windowMinutes != 30 && windowMinutes != 60) {
                errors.add(new FieldError("windowMinutes", "must be 15, 30 or 60"));
                windowMinutes = null;
            }
            factor = number(body, "factor", 1.01, 100, true, errors);
            consecutive = whole(body, "consecutive", 1, 24, 2, errors);
        } else if (type == RuleType.CONVERSION_DROP) {
            percent = number(body, "percent", 0.01, 100, true, errors);
            minVisitors = whole(body, "minVisitors", 1, 1_000_000, null, errors);
        }
        if (!errors.isEmpty()) {
            return new Read(null, errors);
        }
        return new Read(new Rule(null, null, type, severity, cooldown, quiet[0], quiet[1], enabled, percent, resolvePercent,
                minutes, minVisitors, windowMinutes, factor, consecutive), List.of());
    }

    /** The rule as the API answers it. */
    static Map<String, Object> view(Rule rule, java.time.Instant createdAt, java.time.Instant updatedAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", rule.id());
        json.put("storeId", rule.storeId());
        json.put("type", rule.type().wireName());
        putIfSet(json, "percent", rule.percent());
        putIfSet(json, "resolvePercent", rule.resolvePercent());
        putIfSet(json, "minutes", rule.minutes());
        putIfSet(json, "minVisitors", rule.minVisitors());
        putIfSet(json, "windowMinutes", rule.windowMinutes());
        putIfSet(json, "factor", rule.factor());
        putIfSet(json, "consecutive", rule.consecutive());
        json.put("severity", rule.severity());
        json.put("cooldown", rule.cooldown().toString());
        json.put("quietHours", rule.quietFrom() == null ? null
                : Map.of("from", rule.quietFrom().toString(), "to", rule.quietTo().toString()));
        json.put("enabled", rule.enabled());
        json.put("createdAt", createdAt == null ? null : createdAt.toString());
        json.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        return json;
    }

    private static void putIfSet(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : value);
        }
    }

    private static Duration cooldown(JsonNode node, List<FieldError> errors) {
        if (node == null) {
            return DEFAULT_COOLDOWN;
        }
        Duration value = null;
        if (node.isTextual()) {
            try {
                value = Duration.parse(node.textValue());
            } catch (DateTimeParseException e) {
                value = null;
            }
        }
        if (value == null || value.isNegative() || value.compareTo(MAX_COOLDOWN) > 0 || value.getNano() != 0) {
            errors.add(new FieldError("cooldown", "must be an ISO-8601 duration of whole seconds from PT0S to P7D, such as PT15M"));
            return null;
        }
        return value;
    }

    private static LocalTime[] quietHours(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return new LocalTime[2];
        }
        if (!node.isObject()) {
            errors.add(new FieldError("quietHours", "must be an object {\"from\":\"22:00\",\"to\":\"07:00\"} (store-local) or null"));
            return new LocalTime[2];
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("from") && !name.equals("to")) {
                errors.add(new FieldError("quietHours." + name, "is not a field of quietHours (from, to)"));
            }
        }
        LocalTime from = clock(node.get("from"), "quietHours.from", errors);
        LocalTime to = clock(node.get("to"), "quietHours.to", errors);
        if (from != null && from.equals(to)) {
            errors.add(new FieldError("quietHours.to", "must differ from quietHours.from"));
        }
        return new LocalTime[] { from, to };
    }

    private static LocalTime clock(JsonNode node, String field, List<FieldError> errors) {
        if (node == null || !node.isTextual() || !CLOCK.matcher(node.textValue()).matches()) {
            errors.add(new FieldError(field, "must be a store-local time HH:MM, such as 22:00"));
            return null;
        }
        return LocalTime.parse(node.textValue());
    }

    private static Double number(JsonNode body, String field, double min, double max, boolean required, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null) {
            if (required) {
                errors.add(new FieldError(field, "is required: a number from " + plain(min) + " to " + plain(max)));
            }
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() < min || node.doubleValue() > max) {
            errors.add(new FieldError(field, "must be a number from " + plain(min) + " to " + plain(max)));
            return null;
        }
        return node.doubleValue();
    }

    private static Integer whole(JsonNode body, String field, int min, int max, Integer fallback, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null) {
            if (fallback == null) {
                errors.add(new FieldError(field, "is required: a whole number from " + min + " to " + max));
            }
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
            return null;
        }
        return node.intValue();
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}

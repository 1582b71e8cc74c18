package com.retailintelligence.alert;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retailintelligence.live.LiveJson;

/** The JSON of alerts: the live message of an alert event (docs/alerts.md) and an alert in the REST list. */
final class AlertJson {

    private static final ObjectMapper VALUES = new ObjectMapper();

    private AlertJson() {
    }

    /** {"type":"alert"|"alert-resolved","alertId":…,"storeId":…,"ruleId":…,"rule":…,"severity":…,"message":…,"firedAt":…,…}. */
    static String live(AlertNotice notice) {
        return LiveJson.write(json -> {
            json.writeStartObject();
            json.writeStringField("type", notice.type());
            json.writeNumberField("alertId", notice.alertId());
            json.writeStringField("storeId", notice.storeId());
            if (notice.ruleId() != null) {
                json.writeNumberField("ruleId", notice.ruleId());
            }
            json.writeStringField("rule", notice.rule());
            json.writeStringField("severity", notice.severity());
            json.writeStringField("message", notice.message());
            json.writeStringField("firedAt", notice.firedAt().toString());
            if (notice.resolvedAt() != null) {
                json.writeStringField("resolvedAt", notice.resolvedAt().toString());
            }
            json.writeFieldName("values");
            writeValues(json, notice.values());
            json.writeEndObject();
        });
    }

    private static void writeValues(JsonGenerator json, Map<String, Object> values) throws IOException {
        json.writeRawValue(VALUES.writeValueAsString(values == null ? Map.of() : values));
    }

    /** An alert as GET /api/v1/alerts lists it. */
    static Map<String, Object> view(AlertEntity alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", alert.id);
        json.put("storeId", alert.storeId);
        json.put("ruleId", alert.ruleId);
        json.put("rule", alert.ruleType);
        json.put("severity", alert.severity);
        json.put("status", alert.status());
        json.put("message", alert.message);
        json.put("values", values(alert.details));
        json.put("firedAt", alert.firedAt.toString());
        json.put("acknowledgedAt", alert.acknowledgedAt == null ? null : alert.acknowledgedAt.toString());
        json.put("acknowledgedBy", alert.acknowledgedBy);
        json.put("resolvedAt", alert.resolvedAt == null ? null : alert.resolvedAt.toString());
        json.put("resolveMessage", alert.resolveMessage);
        return json;
    }

    private static Object values(String details) {
        try {
            return VALUES.readTree(details);
        } catch (IOException e) {
            return Map.of();
        }
    }
}

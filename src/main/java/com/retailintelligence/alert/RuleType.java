package com.retailintelligence.alert;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The kinds of alert rule, by their JSON name, each with the parameters it takes. */
public enum RuleType {
    OCCUPANCY("occupancy", Set.of("percent", "resolvePercent")),
    SENSOR_SILENT("sensor-silent", Set.of("minutes")),
    POS_SILENT("pos-silent", Set.of("minutes", "minVisitors")),
    TRAFFIC_ANOMALY("traffic-anomaly", Set.of("windowMinutes", "factor", "consecutive")),
    CONVERSION_DROP("conversion-drop", Set.of("percent", "minVisitors"));

    private final String wireName;
    private final Set<String> parameters;

    RuleType(String wireName, Set<String> parameters) {
        this.wireName = wireName;
        this.parameters = parameters;
    }

    public String wireName() {
        return wireName;
    }

    Set<String> parameters() {
        return parameters;
    }

    /** The type of a JSON name, or null. */
    public static RuleType of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst().orElse(null);
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(RuleType::wireName).toList();
    }
}

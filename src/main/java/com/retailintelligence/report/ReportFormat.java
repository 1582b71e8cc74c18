package com.retailintelligence.report;

import java.util.Locale;

import com.retailintelligence.analytics.Csv;

/** The formats every report comes in: the same content as JSON, as a CSV table, and as a chart. */
public enum ReportFormat {
    JSON("application/json", "json"), CSV(Csv.MEDIA_TYPE, "csv"), PNG("image/png", "png");

    /** The pattern the {@code format} parameter must match. */
    public static final String PATTERN = "json|csv|png";

    public final String mediaType;
    public final String extension;

    ReportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public static ReportFormat of(String value) {
        return value == null || value.isBlank() ? JSON : valueOf(value.toUpperCase(Locale.ROOT));
    }
}

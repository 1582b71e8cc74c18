package com.retailintelligence.analytics;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes CSV that a spreadsheet opens as it is (RFC 4180: comma separated, CRLF, quoted where needed, UTF-8 with a
 * byte-order mark so that Excel reads accents). Free text that would start a formula is neutralised.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private final StringBuilder text = new StringBuilder("\uFEFF");

    /** Appends one row; null cells stay empty. */
    public Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    /** Text a user typed (a store name): a leading =, +, - or @ gets a quote so no spreadsheet runs it as a formula. */
    public static String text(String value) {
        if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    public byte[] bytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}

package com.retailintelligence.support;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for the tests: quoted cells, doubled quotes, CRLF rows, the UTF-8 byte-order mark. */
public final class CsvParsing {

    private CsvParsing() {
    }

    public static List<List<String>> parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        if (quoted || cell.length() > 0 || !row.isEmpty()) {
            throw new AssertionError("CSV does not end with CRLF after its last row, or a quote is open");
        }
        for (List<String> r : rows) {
            if (r.size() != rows.get(0).size()) {
                throw new AssertionError("row " + r + " has " + r.size() + " cells, the header " + rows.get(0).size());
            }
        }
        return rows;
    }
}

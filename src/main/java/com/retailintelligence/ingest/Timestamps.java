package com.retailintelligence.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses ISO-8601 timestamps with an offset. The usual shapes ({@code 2026-11-26T10:15:00Z},
 * {@code 2026-11-26T10:15:00.123+01:00}) are read digit by digit, several times faster than
 * {@link OffsetDateTime#parse}, which handles everything else (it was a tenth of the ingest CPU). The legacy import
 * reads its files' looser shapes with the same code ({@link #parseLenient}).
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** The instant, or null when the text is not an ISO-8601 date-time with an offset. */
    public static Instant parse(String text) {
        Instant fast = parseCommon(text, null);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The shape exports use, or null for anything else: {@code yyyy-MM-dd[T ]HH:mm[:ss[.f…]]} then {@code Z}, an offset
     * {@code ±HH:MM}, or nothing — then a local time in {@code zone}.
     */
    public static Instant parseLenient(String text, ZoneId zone) {
        return parseCommon(text, zone);
    }

    /** Strict (zone null): 'T', seconds and an offset required. Lenient: ' ' too, seconds optional, no offset = zone. */
    private static Instant parseCommon(String s, ZoneId zone) {
        boolean lenient = zone != null;
        int n = s.length();
        char separator = n > 10 ? s.charAt(10) : 0;
        if (n < (lenient ? 16 : 20) || s.charAt(4) != '-' || s.charAt(7) != '-' || !(separator == 'T' || lenient && separator == ' ')
                || s.charAt(13) != ':' || !lenient && s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            second = n >= 19 ? digits(s, 17, 2) : -1;
            i = 19;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(s, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
        if (lenient && i == n) {
            return local.atZone(zone).toInstant();
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int hours = digits(s, i + 1, 2);
            int minutes = digits(s, i + 4, 2);
            if (hours < 0 || minutes < 0) {
                return null;
            }
            try {
                offset = ZoneOffset.ofHoursMinutes(s.charAt(i) == '-' ? -hours : hours, s.charAt(i) == '-' ? -minutes : minutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        return local.toInstant(offset);
    }

    /** The number in {@code count} ASCII digits from {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

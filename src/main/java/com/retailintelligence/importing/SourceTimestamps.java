package com.retailintelligence.importing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.text.ParsePosition;
import java.util.List;

import com.retailintelligence.ingest.Timestamps;

/**
 * Reads the date formats old exports use: ISO-8601 with an offset or Z; a local date and time (2025-03-01 10:15[:00[.5]],
 * with 'T' or a space; 01.03.2025 10:15; 01/03/2025 10:15 — day first) in the zone given; a date alone (midnight);
 * epoch seconds or milliseconds. A local time in a DST gap moves forward by the gap; in the repeated hour it is the
 * earlier of the two.
 */
final class SourceTimestamps {

    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd().appendOffset("+HH:MM:ss", "Z").toFormatter()
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final DateTimeFormatter OFFSET_COMPACT = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd().append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd().appendOffset("+HHmm", "Z").toFormatter()
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final List<DateTimeFormatter> LOCAL = List.of(
            local("uuuu-MM-dd", "T"), local("uuuu-MM-dd", " "),
            local("dd.MM.uuuu", " "), local("dd/MM/uuuu", " "), local("dd-MM-uuuu", " "));
    private static final List<DateTimeFormatter> DATES = List.of("uuuu-MM-dd", "dd.MM.uuuu", "dd/MM/uuuu").stream()
            .map(pattern -> DateTimeFormatter.ofPattern(pattern).withResolverStyle(java.time.format.ResolverStyle.STRICT)).toList();

    private SourceTimestamps() {
    }

    private static DateTimeFormatter local(String date, String separator) {
        return new DateTimeFormatterBuilder().appendPattern(date).appendLiteral(separator)
                .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE).appendLiteral(':')
                .appendValue(ChronoField.MINUTE_OF_HOUR, 2).optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().optionalEnd()
                .toFormatter().withResolverStyle(java.time.format.ResolverStyle.STRICT);
    }

    /** The instant, or null when the value is in none of the formats (or is not a date at all). */
    static Instant parse(Object value, ZoneId zone) {
        if (value instanceof Number number) {
            return epoch(number.longValue());
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        if (s.chars().allMatch(Character::isDigit) && s.length() >= 9 && s.length() <= 13) {
            return epoch(Long.parseLong(s));
        }
        // The shape nearly every export uses, read by hand: java.time's formatters with optional parts cost more
        // than the rest of an imported row.
        Instant fast = Timestamps.parseLenient(s, zone);
        if (fast != null) {
            return fast;
        }
        for (DateTimeFormatter format : List.of(OFFSET, OFFSET_COMPACT)) {
            TemporalAccessor parsed = parse(format, s);
            if (parsed != null) {
                return OffsetDateTime.from(parsed).toInstant();
            }
        }
        for (DateTimeFormatter format : LOCAL) {
            TemporalAccessor parsed = parse(format, s);
            if (parsed != null) {
                return LocalDateTime.from(parsed).atZone(zone).toInstant();
            }
        }
        for (DateTimeFormatter format : DATES) {
            TemporalAccessor parsed = parse(format, s);
            if (parsed != null) {
                return LocalDate.from(parsed).atStartOfDay(zone).toInstant();
            }
        }
        return null;
    }

    /**
     * The whole text in this format, or null — found without an exception (a file's every row would otherwise throw
     * for each format tried before its own, which dominated the import's CPU time).
     */
    private static TemporalAccessor parse(DateTimeFormatter format, String text) {
        ParsePosition position = new ParsePosition(0);
        if (format.parseUnresolved(text, position) == null || position.getIndex() != text.length()) {
            return null;
        }
        try {
            return format.parse(text);
        } catch (DateTimeException e) {
            return null; // well-formed but no such date, e.g. 2025-02-30
        }
    }

    /** Seconds below 10^11 (until the year 5138), milliseconds from there. */
    private static Instant epoch(long value) {
        try {
            return Math.abs(value) < 100_000_000_000L ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
        } catch (DateTimeException e) {
            return null;
        }
    }
}

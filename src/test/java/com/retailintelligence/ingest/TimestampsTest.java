package com.retailintelligence.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path agrees with OffsetDateTime.parse on every accepted shape and refuses what it refuses. */
class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-26T10:15:00Z", "2026-11-26T10:15:00.1Z", "2026-11-26T10:15:00.123456789Z",
            "2026-11-26T10:15:00+01:00", "2026-11-26T10:15:00.5-03:30", "2024-02-29T23:59:59+14:00",
            "2026-11-26T10:15Z", "2026-11-26T10:15:00+05:45:30" })
    void agreesWithTheJdk(String text) {
        assertEquals(OffsetDateTime.parse(text).toInstant(), Timestamps.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-26T10:15:00", "2026-11-26 10:15:00Z", "2026-13-26T10:15:00Z", "2025-02-29T10:15:00Z",
            "2026-11-26T24:15:00Z", "2026-11-26T10:15:00+19:00", "yesterday", "",
            "2026-11-26T10:15:00.1234567891Z", "2026-1x-26T10:15:00Z" })
    void refusesWhatIsNotATimestampWithOffset(String text) {
        assertNull(Timestamps.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-03-29 01:30|2026-03-29T01:30:00Z", "2026-03-29 03:30:15|2026-03-29T02:30:15Z",
            "2026-07-01T10:15:00.250|2026-07-01T09:15:00.250Z", "2026-07-01 10:15:00Z|2026-07-01T10:15:00Z",
            "2026-07-01 10:15:00-02:00|2026-07-01T12:15:00Z" })
    void leniently_aSpaceMissingSecondsAndNoOffsetAreReadInTheZone(String pair) {
        String[] parts = pair.split("\\|");
        assertEquals(java.time.Instant.parse(parts[1]), Timestamps.parseLenient(parts[0], java.time.ZoneId.of("Europe/Lisbon")), parts[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-03-01 10:15:", "2026-03-01_10:15", "2026-03-01 25:00", "01.03.2026 10:15", "2026-03-01 10:15 +01:00" })
    void leniently_otherShapesAreLeftToTheFormatters(String text) {
        assertNull(Timestamps.parseLenient(text, java.time.ZoneId.of("UTC")), text);
    }
}

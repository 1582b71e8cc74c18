package com.retailintelligence.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Pure pieces of the reports: ISO week parsing and the grouping of amounts in chart titles. */
class ReportContentTest {

    @Test
    void isoWeeksParseToTheirMonday() {
        assertEquals(LocalDate.of(2026, 11, 16), ReportResource.monday("2026-W47"));
        assertEquals(LocalDate.of(2026, 12, 28), ReportResource.monday("2026-W53"));
        assertEquals(LocalDate.of(2024, 12, 30), ReportResource.monday("2025-W01"));
        assertEquals(null, ReportResource.monday("2027-W53"), "2027 has 52 ISO weeks");
        assertEquals(null, ReportResource.monday("2026-W00"));
    }

    @Test
    void amountsAreGroupedForReaders() {
        assertEquals("18,240.50", ReportContent.grouped("18240.50"));
        assertEquals("-5.00", ReportContent.grouped("-5.00"));
        assertEquals("1,234,567", ReportContent.grouped("1234567"));
        assertEquals("0.125", ReportContent.grouped("0.125"));
    }
}

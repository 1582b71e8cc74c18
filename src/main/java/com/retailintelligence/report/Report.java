package com.retailintelligence.report;

/** One rendered report: its bytes, media type and a file name to save it under. */
public record Report(byte[] body, String mediaType, String filename) {
}

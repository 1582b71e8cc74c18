package com.retailintelligence.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Where an old file keeps what we import (docs/legacy-import.md): for each section, the source table (SQLite) and
 * which source column holds each of our fields; {@code timezone}: the zone of timestamps written without an offset
 * (default: the store's own). A section left out is not imported. The default mapping fits the layout the docs
 * describe; a CSV import uses only the section of its kind, and only its columns and timezone.
 */
@io.quarkus.runtime.annotations.RegisterForReflection
public record ImportMapping(Section stores, Section traffic, Section sales, Section chatUsers) {

    /** One kind of rows: a table and our field → its column. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Section(String table, Map<String, String> columns, String timezone) {

        public Section {
            columns = columns == null ? Map.of() : new LinkedHashMap<>(columns);
        }

        /** The source column of a field, or null when the mapping names none. */
        public String column(String field) {
            return columns.get(field);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The shipped mapping, for the layout in docs/legacy-import.md. */
    public static ImportMapping defaults() {
        try (InputStream in = ImportMapping.class.getResourceAsStream("/legacy/default-mapping.yaml")) {
            return YAML.readValue(in, ImportMapping.class);
        } catch (IOException e) {
            throw new IllegalStateException("The default mapping cannot be read", e);
        }
    }

    /** The shipped mapping's text, for {@code import --print-default-mapping}. */
    public static String defaultText() {
        try (InputStream in = ImportMapping.class.getResourceAsStream("/legacy/default-mapping.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("The default mapping cannot be read", e);
        }
    }

    /** Reads a mapping file; a wrong key or shape is an ImportException naming it. */
    public static ImportMapping read(Path file) {
        try {
            return YAML.readValue(Files.readAllBytes(file), ImportMapping.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ImportException("Mapping " + file + ": unknown key '" + e.getPropertyName() + "' at line "
                    + e.getLocation().getLineNr() + " (known: stores, traffic, sales, chatUsers; each with table, columns, timezone)");
        } catch (IOException e) {
            throw new ImportException("Mapping " + file + " cannot be read: " + originalMessage(e));
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }

    /** The section of a kind of events. */
    public Section of(ImportKind kind) {
        return kind == ImportKind.TRAFFIC ? traffic : sales;
    }
}

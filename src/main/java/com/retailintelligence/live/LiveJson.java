package com.retailintelligence.live;

import java.io.IOException;
import java.io.StringWriter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** Writes a live message straight to JSON text with Jackson's streaming generator (no object tree to build). */
public final class LiveJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private LiveJson() {
    }

    /** Writes one message. */
    public static String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a live message", e);
        }
        return out.toString();
    }

    /** The content of one message, written field by field. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }
}

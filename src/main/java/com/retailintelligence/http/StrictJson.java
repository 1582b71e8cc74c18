package com.retailintelligence.http;

import java.io.ByteArrayInputStream;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.retailintelligence.problem.UnstorableTextException;
import com.retailintelligence.validation.StorableText;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Makes the one ObjectMapper (request bodies, ingest batches) strict, so a lax reading never turns bad input into
 * stored data: no coercion ({@code 2.5} or {@code "123"} is not an integer, {@code 123} is not true or a string),
 * no trailing content after the document, no duplicate keys, and the text rule of {@link StorableText} checked on
 * the raw bytes before Jackson reads them (Jackson itself accepts overlong UTF-8, NUL and unpaired surrogates).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    @SuppressWarnings("deprecation") // JsonFactory.setInputDecorator: the mapper is built by Quarkus, not by us
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean,
                CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean, CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        mapper.getFactory().setInputDecorator(new TextCheck());
    }

    /** Makes reading a value of the type from any of these JSON shapes fail instead of converting it. */
    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** Checks the raw input of every parser the mapper creates; bodies are bounded by the HTTP limit, so reading one whole is fine. */
    static final class TextCheck extends InputDecorator {

        private static final long serialVersionUID = 1L;

        @Override
        public InputStream decorate(IOContext context, byte[] source, int offset, int length) throws IOException {
            check(StorableText.checkUtf8(source, offset, length, true));
            return null; // unchanged
        }

        @Override
        public InputStream decorate(IOContext context, InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            check(StorableText.checkUtf8(all, 0, all.length, true));
            return new ByteArrayInputStream(all);
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) > 0;) {
                text.append(buffer, 0, n);
            }
            check(StorableText.checkJson(text));
            char[] all = new char[text.length()];
            text.getChars(0, text.length(), all, 0);
            return new CharArrayReader(all);
        }

        private static void check(String problem) throws UnstorableTextException {
            if (problem != null) {
                throw new UnstorableTextException(problem);
            }
        }
    }
}

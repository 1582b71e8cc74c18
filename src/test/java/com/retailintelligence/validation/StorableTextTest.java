package com.retailintelligence.validation;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The text rule on bytes and characters: UTF-8 only, no NUL, no unpaired surrogate, escapes included. */
class StorableTextTest {

    private static String bytes(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return StorableText.checkUtf8(b, 0, b.length, true);
    }

    private static String raw(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return StorableText.checkUtf8(b, 0, b.length, false);
    }

    @Test
    void acceptsOrdinaryText() {
        assertNull(bytes("{\"name\":\"Caf\u00e9 \u6771\u4eac \ud83d\ude00\",\"a\":\"\\u00e9\\ud83d\\ude00\\\\u0000\"}"));
        assertNull(StorableText.checkJson("{\"a\":\"\\\"\\\\u0000\\\"\"}"));
        assertNull(StorableText.check("plain \ud83d\ude00"));
        assertNull(raw('a', 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80));
    }

    @Test
    void refusesNulAndUnpairedSurrogates() {
        assertNotNull(bytes("{\"id\":\"a\\u0000b\"}"));
        assertNotNull(bytes("{\"id\":\"a\\ud800b\"}"));
        assertNotNull(bytes("{\"id\":\"a\\udc00\"}"));
        assertNotNull(bytes("{\"id\":\"a\\ud800\\u0041\"}"));
        assertNotNull(bytes("{\"a\\u0000\":1}"));
        assertNotNull(StorableText.checkJson("{\"id\":\"a\\ud800\"}"));
        assertNotNull(StorableText.check("a\u0000"));
        assertNotNull(StorableText.check("a\ud800"));
        assertNotNull(StorableText.check("\udc00a"));
        assertNotNull(raw('a', 0));
    }

    @Test
    void refusesMalformedUtf8() {
        assertNotNull(raw(0xc0, 0xaf)); // overlong '/'
        assertNotNull(raw(0xe0, 0x80, 0xaf)); // overlong
        assertNotNull(raw(0xed, 0xa0, 0x80)); // encoded surrogate
        assertNotNull(raw(0xff));
        assertNotNull(raw(0xc3)); // truncated
        assertNotNull(raw(0xf4, 0x90, 0x80, 0x80)); // beyond U+10FFFF
        assertNotNull(raw(0x80));
    }
}

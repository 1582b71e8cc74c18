package com.retailintelligence.live;

import java.nio.charset.StandardCharsets;

/**
 * One live message, as text and as its UTF-8 bytes: encoded once per replica, and the same bytes framed for every
 * connection that gets it (a frame wraps them; nothing copies or changes them).
 */
record LiveFrame(String text, byte[] utf8) {

    static LiveFrame of(String text) {
        return new LiveFrame(text, text.getBytes(StandardCharsets.UTF_8));
    }
}

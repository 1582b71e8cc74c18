package com.retailintelligence.http;

import com.retailintelligence.validation.StorableText;

/**
 * Checks a raw request target (path and query, as sent): only printable ASCII, every {@code %} followed by two
 * hex digits, and what the escapes decode to is text that {@link StorableText} accepts.
 */
final class RequestTarget {

    private RequestTarget() {
    }

    /** What is wrong with the target, or null when it is fine. */
    static String problemIn(String target) {
        byte[] decoded = new byte[target.length()];
        int n = 0;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return "a character that is not printable ASCII at position " + i;
            }
            if (c == '%') {
                int high = i + 1 < target.length() ? Character.digit(target.charAt(i + 1), 16) : -1;
                int low = i + 2 < target.length() ? Character.digit(target.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return "a '%' not followed by two hex digits at position " + i;
                }
                decoded[n++] = (byte) (high * 16 + low);
                i += 2;
            } else {
                decoded[n++] = (byte) c;
            }
        }
        return StorableText.checkUtf8(decoded, 0, n, false);
    }
}

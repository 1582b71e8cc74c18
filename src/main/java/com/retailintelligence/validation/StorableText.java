package com.retailintelligence.validation;

/**
 * The one rule for text the service accepts from clients, wherever it comes from (JSON bodies, paths, query
 * strings): well-formed UTF-8 (no overlong forms, no encoded surrogates), no NUL character (PostgreSQL cannot
 * store it) and no unpaired UTF-16 surrogate (it cannot be encoded at all: it was stored as '?', so two different
 * ids became one). Each check returns null when the text is fine, otherwise what is wrong, for a 400's detail.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Checks raw bytes that must be UTF-8 (a JSON body, a percent-decoded path); {@code json} also checks {@code \\u} escapes. */
    public static String checkUtf8(byte[] bytes, int offset, int length, boolean json) {
        int end = offset + length;
        boolean inString = false;
        int i = offset;
        while (i < end) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                if (b == 0) {
                    return "a NUL character at byte " + (i - offset);
                }
                if (json && b == '"') {
                    inString = !inString;
                } else if (json && inString && b == '\\' && i + 1 < end) {
                    if (bytes[i + 1] == 'u') {
                        Chars digits = new ByteChars(bytes, i + 2, end);
                        String escape = checkEscape(digits, i - offset);
                        if (escape != null) {
                            return escape;
                        }
                        i += escapeLength(digits);
                    } else {
                        i += 2;
                    }
                    continue;
                }
                i++;
                continue;
            }
            int extra;
            int min;
            int codePoint;
            if (b >= 0xc2 && b <= 0xdf) {
                extra = 1;
                min = 0x80;
                codePoint = b & 0x1f;
            } else if (b >= 0xe0 && b <= 0xef) {
                extra = 2;
                min = 0x800;
                codePoint = b & 0x0f;
            } else if (b >= 0xf0 && b <= 0xf4) {
                extra = 3;
                min = 0x10000;
                codePoint = b & 0x07;
            } else {
                return "bytes that are not UTF-8 at byte " + (i - offset);
            }
            if (i + extra >= end) {
                return "a truncated UTF-8 sequence at byte " + (i - offset);
            }
            for (int k = 1; k <= extra; k++) {
                int next = bytes[i + k] & 0xff;
                if ((next & 0xc0) != 0x80) {
                    return "bytes that are not UTF-8 at byte " + (i - offset);
                }
                codePoint = (codePoint << 6) | (next & 0x3f);
            }
            if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                return "bytes that are not UTF-8 (an overlong or surrogate form) at byte " + (i - offset);
            }
            i += extra + 1;
        }
        return null;
    }

    /** Checks a decoded string (a path or query parameter, a JSON text given as characters). */
    public static String check(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "a NUL character at position " + i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "an unpaired surrogate at position " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "an unpaired surrogate at position " + i;
            }
        }
        return null;
    }

    /** {@link #check(CharSequence)} for JSON text: also its {@code \\u} escapes. */
    public static String checkJson(CharSequence text) {
        String raw = check(text);
        if (raw != null) {
            return raw;
        }
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inString = !inString;
            } else if (inString && c == '\\' && i + 1 < text.length()) {
                if (text.charAt(i + 1) == 'u') {
                    Chars digits = new StringChars(text, i + 2);
                    String escape = checkEscape(digits, i);
                    if (escape != null) {
                        return escape;
                    }
                    i += escapeLength(digits) - 1;
                } else {
                    i++;
                }
            }
        }
        return null;
    }

    /**
     * Checks one {@code \\uXXXX} escape whose hex digits start at {@code at}: NUL is refused, a high surrogate
     * must be followed at once by an escaped low one, a low one alone is refused. Bad hex is left to the parser.
     */
    private static String checkEscape(Chars at, int position) {
        int unit = at.hex(0);
        if (unit < 0) {
            return null;
        }
        if (unit == 0) {
            return "an escaped NUL character (\\u0000) at position " + position;
        }
        if (Character.isLowSurrogate((char) unit)) {
            return "an escaped unpaired surrogate at position " + position;
        }
        if (Character.isHighSurrogate((char) unit)) {
            int low = at.charAt(4) == '\\' && at.charAt(5) == 'u' ? at.hex(6) : -1;
            if (low < 0 || !Character.isLowSurrogate((char) low)) {
                return "an escaped unpaired surrogate at position " + position;
            }
        }
        return null;
    }

    /** How many characters an escape whose digits start at {@code at} takes, backslash included: 12 for a surrogate pair. */
    private static int escapeLength(Chars at) {
        int unit = at.hex(0);
        return unit >= 0 && Character.isHighSurrogate((char) unit) ? 12 : 6;
    }

    /** Characters from some offset on, bytes or chars alike. */
    private abstract static class Chars {
        abstract int charAt(int index);

        /** The 4 hex digits from {@code index} as a number, or -1. */
        int hex(int index) {
            int value = 0;
            for (int k = index; k < index + 4; k++) {
                int digit = Character.digit(charAt(k), 16);
                if (digit < 0) {
                    return -1;
                }
                value = value * 16 + digit;
            }
            return value;
        }
    }

    private static final class ByteChars extends Chars {
        private final byte[] bytes;
        private final int from;
        private final int end;

        ByteChars(byte[] bytes, int from, int end) {
            this.bytes = bytes;
            this.from = from;
            this.end = end;
        }

        @Override
        int charAt(int index) {
            return from + index < end ? bytes[from + index] & 0xff : -1;
        }
    }

    private static final class StringChars extends Chars {
        private final CharSequence text;
        private final int from;

        StringChars(CharSequence text, int from) {
            this.text = text;
            this.from = from;
        }

        @Override
        int charAt(int index) {
            return from + index < text.length() ? text.charAt(from + index) : -1;
        }
    }
}

package com.retailintelligence.auth.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The shape of API keys: {@code ri_<8-character prefix>_<32 random characters>}. The prefix (with {@code ri_})
 * is stored and shown, to find and recognise a key; the whole key is stored only as its SHA-256.
 */
final class ApiKeySecrets {

    static final String MARK = "ri_";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    /** A new random key. */
    static String generate() {
        return MARK + random(8) + "_" + random(32);
    }

    /** Whether the value looks like one of our keys (so a bearer value is a key, not a JWT). */
    static boolean looksLikeKey(String value) {
        return value != null && value.startsWith(MARK) && value.length() == MARK.length() + 8 + 1 + 32
                && value.charAt(MARK.length() + 8) == '_';
    }

    /** The visible part of a key: {@code ri_} and its 8-character prefix. */
    static String prefixOf(String key) {
        return key.substring(0, MARK.length() + 8);
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares in constant time. */
    static boolean matches(String key, byte[] storedHash) {
        return MessageDigest.isEqual(hash(key), storedHash);
    }

    private static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}

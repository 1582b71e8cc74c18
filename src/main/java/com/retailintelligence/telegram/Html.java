package com.retailintelligence.telegram;

import java.util.ArrayList;
import java.util.List;

/** Telegram's HTML parse mode: escaping dynamic text, and splitting long messages without cutting a tag or an entity. */
public final class Html {

    private Html() {
    }

    /** Escapes the three characters the HTML parse mode gives a meaning to. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String bold(String text) {
        return "<b>" + escape(text) + "</b>";
    }

    /**
     * Splits an HTML text into parts of at most {@code max} characters, at line ends where it can (else at a space, else
     * anywhere outside a tag or an entity). Tags the bot writes never span lines, so a part at a line end is whole HTML.
     */
    static List<String> split(String html, int max) {
        List<String> parts = new ArrayList<>();
        String rest = html;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut <= 0) {
                cut = safeCut(rest, max);
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        parts.add(rest);
        return parts;
    }

    /** The last position ≤ max that is not inside {@code <…>} or {@code &…;}. */
    private static int safeCut(String text, int max) {
        int tag = text.lastIndexOf('<', max - 1);
        int entity = text.lastIndexOf('&', max - 1);
        int cut = max;
        if (tag >= 0 && text.indexOf('>', tag) >= max) {
            cut = tag;
        }
        if (entity >= 0 && entity < cut && text.indexOf(';', entity) >= cut) {
            cut = entity;
        }
        return cut <= 0 ? max : cut;
    }
}

package com.retailintelligence.telegram;

import java.util.List;
import java.util.Locale;

/**
 * A command typed to the bot: {@code /name arg …}, with an optional {@code @BotName} suffix (groups). Parsed from
 * the text itself, so updates without {@code entities} (the official samples) work as well.
 */
public record Command(String name, List<String> args, String addressedTo) {

    /** The command in the text, or null when the text is not one. */
    public static Command parse(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() < 2 || trimmed.charAt(0) != '/') {
            return null;
        }
        String[] words = trimmed.split("\\s+");
        String head = words[0].substring(1);
        String addressedTo = null;
        int at = head.indexOf('@');
        if (at >= 0) {
            addressedTo = head.substring(at + 1);
            head = head.substring(0, at);
        }
        if (head.isEmpty() || !head.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            return null;
        }
        return new Command(head.toLowerCase(Locale.ROOT), List.of(words).subList(1, words.length), addressedTo);
    }

    /** True when the command names another bot ({@code /today@OtherBot} in a group): not ours to answer. */
    public boolean forAnotherBot(String ourUsername) {
        return addressedTo != null && (ourUsername == null || !addressedTo.equalsIgnoreCase(ourUsername));
    }

    /** The arguments joined by spaces (a store name may have several words). */
    public String rest() {
        return String.join(" ", args);
    }
}

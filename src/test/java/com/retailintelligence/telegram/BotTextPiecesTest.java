package com.retailintelligence.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The bot's text pieces without a server: command parsing, escaping, splitting long messages, button data. */
class BotTextPiecesTest {

    @Test
    void commandsAreReadFromTheTextWithOrWithoutABotName() {
        Command today = Command.parse("/today@RetailTestBot Lisbon Chiado");
        assertEquals("today", today.name());
        assertEquals("Lisbon Chiado", today.rest());
        assertTrue(today.forAnotherBot("OtherBot"));
        assertTrue(!today.forAnotherBot("retailtestbot"));
        assertEquals("start", Command.parse("  /START   ABC123 ").name());
        assertEquals(List.of("ABC123"), Command.parse("/start ABC123").args());
        assertNull(Command.parse("hello"));
        assertNull(Command.parse("/"));
        assertNull(Command.parse("/to-day"));
        assertNull(Command.parse(null));
    }

    @Test
    void dynamicTextIsEscapedForHtml() {
        assertEquals("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;", Html.escape("<b>Tom & Jerry</b>"));
        assertEquals("<b>a&lt;b</b>", Html.bold("a<b"));
        assertEquals("", Html.escape(null));
    }

    @Test
    void longMessagesAreSplitAtLineEndsWithinTelegramsLimit() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            text.append("<b>line ").append(i).append("</b> &amp; more\n");
        }
        List<Outgoing> parts = Outgoing.html(42, text.toString().strip());
        assertTrue(parts.size() > 1);
        StringBuilder joined = new StringBuilder();
        for (Outgoing part : parts) {
            String body = part.params().getString("text");
            assertTrue(body.length() <= 4096, "part of " + body.length());
            assertEquals(countOf(body, "<b>"), countOf(body, "</b>"), "no tag cut");
            joined.append(body).append('\n');
        }
        assertEquals(text.toString().strip(), joined.toString().strip());
        // One line longer than the limit: cut outside tags and entities.
        String oneLine = "&amp;".repeat(1000);
        for (String part : Html.split(oneLine, 4096)) {
            assertTrue(part.length() <= 4096);
            assertEquals(0, part.replace("&amp;", "").length(), "no entity cut");
        }
    }

    @Test
    void storeButtonsFitTelegramsSixtyFourBytes() {
        String longId = "a".repeat(64);
        String data = BotConversation.callbackData(longId);
        assertEquals(64, data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertTrue(longId.startsWith(data.substring(BotConversation.STORE_BUTTON.length())));
        assertEquals("store:lisbon", BotConversation.callbackData("lisbon"));
    }

    @Test
    void peopleReadNumbersInTheirLanguage() {
        PeopleFormat english = new PeopleFormat(null);
        assertEquals("1,234", english.count(1234));
        assertEquals("€1,234.50", english.money("1234.50", "EUR"));
        assertEquals("26.3 %", english.ratio(0.263));
        assertEquals("+5.2 %", english.change(5.2));
        assertEquals("−3.0 %", english.change(-3.0));
        assertNull(english.change(null));
        PeopleFormat portuguese = new PeopleFormat("pt");
        assertEquals("1.234", portuguese.count(1234));
        assertTrue(english.money("1235", "JPY").endsWith("1,235"), "no decimals for the yen");
    }

    private static int countOf(String text, String piece) {
        return text.split(java.util.regex.Pattern.quote(piece), -1).length - 1;
    }
}

package com.retailintelligence.live;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The live messages of one store-day's accepted events (or one alert), rendered once where they were accepted: the
 * very JSON each screen gets, one per event. Sales messages lack only their conversion rate, which needs the day's
 * visitors; the subscribing replica adds it ({@link #withConversion}). On the Redis events channel a batch is
 * lines of text (line 1 a header, then one message per line; JSON text holds no raw line break), so a replica
 * splits it and never parses JSON: {@code L2 <origin> <feed> <storeId> <localDay|-> <visitors|->}, then per
 * message {@code <transactionsToday> <json>} for sales, {@code <json>} otherwise.
 *
 * @param day the store-local day of the events (null for an alert)
 * @param visitors traffic: the day's visitors after the batch's last event; -1 otherwise
 * @param transactions sales: the day's transactions right after each message's event; empty otherwise
 */
public record LiveBatch(Feed feed, String storeId, LocalDate day, long visitors, List<String> messages, long[] transactions) {

    private static final String MAGIC = "L2 ";

    public static LiveBatch traffic(String storeId, LocalDate day, long visitorsAfter, List<String> messages) {
        return new LiveBatch(Feed.TRAFFIC, storeId, day, visitorsAfter, List.copyOf(messages), new long[0]);
    }

    /** Sales messages, each a JSON object without its conversion rate, with the transactions after its event. */
    public static LiveBatch sales(String storeId, LocalDate day, List<String> messages, long[] transactions) {
        if (transactions.length != messages.size()) {
            throw new IllegalArgumentException("one transaction count per sales message");
        }
        return new LiveBatch(Feed.SALES, storeId, day, -1, List.copyOf(messages), transactions.clone());
    }

    public static LiveBatch alert(String storeId, String message) {
        return new LiveBatch(Feed.ALERTS, storeId, null, -1, List.of(message), new long[0]);
    }

    /** Message i of a sales batch with {@code "conversionRate"} = transactions ÷ visitors (0 without visitors). */
    String withConversion(int i, long visitorsToday) {
        String message = messages.get(i);
        double rate = visitorsToday == 0 ? 0.0 : (double) transactions[i] / visitorsToday;
        return message.substring(0, message.length() - 1) + ",\"conversionRate\":" + rate + "}";
    }

    /** The channel text, with this replica's origin tag. */
    String encode(String origin) {
        StringBuilder text = new StringBuilder(64 + messages.stream().mapToInt(String::length).sum() + 24 * messages.size());
        text.append(MAGIC).append(origin).append(' ').append(feed.name()).append(' ').append(storeId).append(' ')
                .append(day == null ? "-" : day.toString()).append(' ').append(visitors < 0 ? "-" : Long.toString(visitors));
        for (int i = 0; i < messages.size(); i++) {
            text.append('\n');
            if (feed == Feed.SALES) {
                text.append(transactions[i]).append(' ');
            }
            text.append(messages.get(i));
        }
        return text.toString();
    }

    /** Whether the channel text is a batch in this format (else an older replica's JSON). */
    static boolean isBatch(String text) {
        return text.startsWith(MAGIC);
    }

    /** The origin tag of channel text in this format. */
    static String originOf(String text) {
        int end = text.indexOf(' ', MAGIC.length());
        return end < 0 ? "" : text.substring(MAGIC.length(), end);
    }

    /** Reads channel text in this format; IllegalArgumentException when it is not. */
    static LiveBatch decode(String text) {
        String[] lines = text.split("\n");
        String[] header = lines[0].split(" ");
        if (!isBatch(text) || header.length != 6) {
            throw new IllegalArgumentException("not a live batch header: " + lines[0]);
        }
        Feed feed = Feed.valueOf(header[2]);
        LocalDate day = header[4].equals("-") ? null : LocalDate.parse(header[4]);
        long visitors = header[5].equals("-") ? -1 : Long.parseLong(header[5]);
        List<String> messages = new ArrayList<>(lines.length - 1);
        long[] transactions = new long[feed == Feed.SALES ? lines.length - 1 : 0];
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (feed == Feed.SALES) {
                int space = line.indexOf(' ');
                transactions[i - 1] = Long.parseLong(line.substring(0, space));
                line = line.substring(space + 1);
            }
            messages.add(line);
        }
        return new LiveBatch(feed, header[3], day, visitors, messages, transactions);
    }
}

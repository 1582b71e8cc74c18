package com.retailintelligence.telegram;

import static com.retailintelligence.telegram.Html.bold;
import static com.retailintelligence.telegram.Html.escape;

import java.util.Map;

import com.retailintelligence.analytics.Figures;
import com.retailintelligence.analytics.Summary;

/** The bot's messages: short, in HTML, every dynamic part escaped, numbers formatted for people. */
public final class BotTexts {

    static final String HELP = """
            <b>What I can do</b>
            /today [store] – today so far, against last week, and the forecast
            /traffic [store] – visitors, occupancy and the busiest hour
            /sales [store] – revenue, transactions, basket
            /report [store] [date] – the day's chart (date: YYYY-MM-DD, today or yesterday)
            /stores – pick the store the other commands use
            /alerts on|off [store] – alerts for a store in this chat
            /subscribe daily HH:MM [store] – a daily report at that store-local time
            /unsubscribe [store] – stop daily reports
            /link CODE – link this chat to your account
            /unlink – unlink this chat
            A store is its id or its name (any case).""";

    static final String NOT_LINKED = """
            This chat is not linked to an account yet.
            Sign in to Retail Intelligence and create a link code (<i>Link Telegram</i>, or POST /api/v1/telegram/link-codes), \
            then send <code>/link CODE</code> here. Codes work once, for 10 minutes.""";

    static final String START = """
            <b>Retail Intelligence</b> shows your stores' visitors, sales, conversion and forecasts, live.
            """;

    static final String NOT_A_COMMAND = "I read commands only. Send /help to see them.";

    static final String DISABLED = "Your account is disabled, so this chat shows no store figures. Ask an administrator, or send /unlink.";

    static final String NO_ACCESS = "Your account has no access to store figures (it needs the viewer, manager or admin role).";

    static final String TRY_AGAIN = "Sorry, that did not work this time. Please try again in a minute.";

    private BotTexts() {
    }

    /** /today: the day so far, the change against the same weekday last week, the forecast and "on track". */
    static String today(Summary summary, PeopleFormat format) {
        Figures f = summary.figures();
        Map<String, Summary.Change> lastWeek = summary.comparison().lastWeek().figures();
        StringBuilder text = header(summary, format, "today so far");
        text.append("Visitors: ").append(bold(format.count(f.visitors()))).append(vs(lastWeek.get("visitors"), format)).append('\n');
        text.append("Revenue: ").append(bold(format.money(f.revenue(), f.currency()))).append(vs(lastWeek.get("revenue"), format)).append('\n');
        text.append("Transactions: ").append(format.count(f.transactions())).append(vs(lastWeek.get("transactions"), format)).append('\n');
        text.append("Conversion: ").append(format.ratio(f.conversionRate())).append('\n');
        Summary.Forecast forecast = summary.forecast();
        if (forecast == null || forecast.day() == null) {
            text.append("Forecast: not enough history yet (2 weeks needed)");
        } else {
            text.append("Forecast for the day: ").append(format.count(forecast.day().visitors())).append(" visitors, ")
                    .append(escape(format.money(forecast.day().revenue(), f.currency()))).append('\n');
            text.append(onTrack(forecast.onTrack(), format));
        }
        return text.toString().strip();
    }

    /** /traffic: visitors, exits, occupancy now and at its peak, the busiest hour. */
    static String traffic(Summary summary, PeopleFormat format) {
        Figures f = summary.figures();
        StringBuilder text = header(summary, format, "traffic");
        text.append("Visitors: ").append(bold(format.count(f.visitors())))
                .append(vs(summary.comparison().lastWeek().figures().get("visitors"), format)).append('\n');
        text.append("Exits: ").append(format.count(f.exits())).append('\n');
        if (f.occupancy() != null) {
            text.append(summary.today() ? "In the store now: " : "Left at the end: ").append(format.count(f.occupancy())).append('\n');
        }
        if (f.peakOccupancy() != null) {
            text.append("Peak occupancy: ").append(format.count(f.peakOccupancy().value())).append(" at ")
                    .append(format.time(f.peakOccupancy().at())).append('\n');
        }
        if (f.peakHour() != null) {
            text.append("Busiest hour: ").append(escape(f.peakHour().hour())).append(" (").append(format.count(f.peakHour().visitors()))
                    .append(" visitors)\n");
        }
        text.append("Conversion: ").append(format.ratio(f.conversionRate()));
        return text.toString().strip();
    }

    /** /sales: revenue, transactions, items, basket, refunds. */
    static String sales(Summary summary, PeopleFormat format) {
        Figures f = summary.figures();
        Map<String, Summary.Change> lastWeek = summary.comparison().lastWeek().figures();
        String currency = f.currency();
        StringBuilder text = header(summary, format, "sales");
        text.append("Revenue: ").append(bold(format.money(f.revenue(), currency))).append(vs(lastWeek.get("revenue"), format)).append('\n');
        text.append("Transactions: ").append(format.count(f.transactions())).append(vs(lastWeek.get("transactions"), format)).append('\n');
        text.append("Items: ").append(format.count(f.items())).append('\n');
        text.append("Average basket: ").append(escape(format.money(f.atv(), currency))).append(" · items per basket: ")
                .append(format.decimal(f.upt())).append('\n');
        if (f.refundCount() > 0) {
            text.append("Refunds: ").append(format.count(f.refundCount())).append(" (").append(escape(format.money(f.refunds(), currency)))
                    .append(")\n");
        }
        text.append("Conversion: ").append(format.ratio(f.conversionRate()));
        return text.toString().strip();
    }

    /** The caption of a report photo. */
    static String reportCaption(Summary summary, PeopleFormat format) {
        Figures f = summary.figures();
        return bold(summary.storeName()) + " – " + escape(format.date(summary.date())) + (summary.today() ? " (so far)" : "") + "\n"
                + format.count(f.visitors()) + " visitors · " + escape(format.money(f.revenue(), f.currency())) + " · conversion "
                + format.ratio(f.conversionRate());
    }

    private static StringBuilder header(Summary summary, PeopleFormat format, String what) {
        StringBuilder text = new StringBuilder();
        text.append(bold(summary.storeName())).append(" – ").append(escape(what)).append(", ").append(escape(format.date(summary.date())));
        if (summary.today() && summary.asOf() != null) {
            text.append(" (").append(format.time(summary.asOf())).append(')');
        }
        return text.append('\n');
    }

    private static String vs(Summary.Change change, PeopleFormat format) {
        String percent = change == null ? null : format.change(change.changePercent());
        return percent == null ? "" : " (" + percent + " vs last week)";
    }

    private static String onTrack(Summary.OnTrack onTrack, PeopleFormat format) {
        if (onTrack == null || onTrack.visitors() == null) {
            return "On track: nothing expected yet at this hour";
        }
        double ratio = onTrack.visitors();
        String verdict = ratio >= 1.05 ? "ahead of" : ratio >= 0.95 ? "on track with" : "behind";
        return "So far " + verdict + " the forecast: " + format.ratio(ratio) + " of the " + format.count(onTrack.expectedVisitors())
                + " visitors expected by now";
    }
}

package com.retailintelligence.telegram;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Roles;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.alert.AlertService;
import com.retailintelligence.analytics.AnalyticsService;
import com.retailintelligence.analytics.Summary;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.auth.UserAccount;
import com.retailintelligence.auth.UserRepository;
import com.retailintelligence.db.ScopedSql;
import com.retailintelligence.report.ReportFormat;
import com.retailintelligence.report.ReportService;
import com.retailintelligence.store.Store;
import com.retailintelligence.store.StoreService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Answers one update: reads the chat's user afresh (roles, stores, disabled), runs the command with that user's
 * scope and yields the calls to make. State changes (links, stores picked, alerts, subscriptions, audit) go into the
 * update's own transaction {@code tx}, so they are kept exactly when the update counts as processed.
 */
@ApplicationScoped
public class BotConversation {

    private static final Set<String> FIGURE_ROLES = Set.of(Roles.ADMIN, Roles.MANAGER, Roles.VIEWER);
    static final String STORE_BUTTON = "store:";

    private final ChatRepository chats;
    private final ChatStoreSettings storeSettings;
    private final UserRepository users;
    private final StoreService stores;
    private final AnalyticsService analytics;
    private final ReportService reports;
    private final AuditLog audit;
    private final ScopedSql sql;
    private final BotIdentity bot;
    private final AlertService alerts;

    public BotConversation(ChatRepository chats, ChatStoreSettings storeSettings, UserRepository users, StoreService stores,
            AnalyticsService analytics, ReportService reports, AuditLog audit, ScopedSql sql, BotIdentity bot, AlertService alerts) {
        this.alerts = alerts;
        this.chats = chats;
        this.storeSettings = storeSettings;
        this.users = users;
        this.stores = stores;
        this.analytics = analytics;
        this.reports = reports;
        this.audit = audit;
        this.sql = sql;
        this.bot = bot;
    }

    /** The chat as the bot sees it for one update. */
    record Turn(SqlConnection tx, IncomingUpdate update, ChatRepository.LinkedChat chat, UserAccount user, PeopleFormat format) {

        long chatId() {
            return update.chatId();
        }

        StoreScope scope() {
            return scopeOf(user);
        }

        List<Outgoing> say(String html) {
            return Outgoing.html(chatId(), html);
        }
    }

    /** The stores a chat's user sees: every store for admins, theirs otherwise, none when disabled or unknown. */
    static StoreScope scopeOf(UserAccount user) {
        if (user == null || user.disabled()) {
            return StoreScope.NONE;
        }
        return user.roles().contains(Roles.ADMIN) ? StoreScope.ALL : new StoreScope(false, user.stores());
    }

    /** True when the user may see figures through the bot: enabled, with the viewer, manager or admin role. */
    static boolean seesFigures(UserAccount user) {
        return user != null && !user.disabled() && user.roles().stream().anyMatch(FIGURE_ROLES::contains);
    }

    public Uni<List<Outgoing>> handle(SqlConnection tx, IncomingUpdate update) {
        if (update.kind() == IncomingUpdate.Kind.UNKNOWN || update.kind() == IncomingUpdate.Kind.EDITED || update.chatId() == 0) {
            return Uni.createFrom().item(List.of());
        }
        PeopleFormat format = new PeopleFormat(update.languageCode());
        return chats.find(tx, update.chatId())
                .chain(chat -> (chat == null ? Uni.createFrom().<UserAccount>nullItem()
                        : users.findByUsername(tx, chat.username())
                                .call(() -> chat.inactiveAt() != null ? chats.markActive(tx, chat.chatId()) : Uni.createFrom().voidItem()))
                        .map(user -> new Turn(tx, update, chat, user, format)))
                .chain(turn -> turn.update().kind() == IncomingUpdate.Kind.CALLBACK ? callback(turn) : message(turn));
    }

    private Uni<List<Outgoing>> message(Turn turn) {
        IncomingUpdate update = turn.update();
        Command command = update.kind() == IncomingUpdate.Kind.TEXT ? Command.parse(update.text()) : null;
        if (command == null) {
            // In a group the bot hears everything: it answers commands only. In a private chat it says what it reads.
            return Uni.createFrom().item(update.privateChat() ? turn.say(BotTexts.NOT_A_COMMAND) : List.of());
        }
        return bot.username().chain(username -> {
            if (command.forAnotherBot(username)) {
                return Uni.createFrom().item(List.<Outgoing>of());
            }
            return switch (command.name()) {
                case "start" -> start(turn, command);
                case "help" -> Uni.createFrom().item(turn.say(BotTexts.HELP));
                case "link" -> link(turn, command.args().isEmpty() ? null : command.args().get(0));
                case "unlink" -> unlink(turn);
                default -> linked(turn, command);
            };
        });
    }

    private Uni<List<Outgoing>> start(Turn turn, Command command) {
        if (!command.args().isEmpty()) {
            return link(turn, command.args().get(0));
        }
        String greeting = turn.user() == null ? BotTexts.START + "\n" + BotTexts.NOT_LINKED
                : BotTexts.START + "\nThis chat is linked to <b>" + Html.escape(turn.user().username()) + "</b>. Send /help to see the commands.";
        return Uni.createFrom().item(turn.say(greeting));
    }

    private Uni<List<Outgoing>> link(Turn turn, String code) {
        if (code == null || code.isBlank()) {
            return Uni.createFrom().item(turn.say("Send <code>/link CODE</code> with the code from your account page."));
        }
        return chats.useCode(turn.tx(), LinkCodes.normalise(code), turn.chatId()).chain(username -> {
            if (username == null) {
                return Uni.createFrom().item(turn.say("That code is not valid: it may have expired (codes last 10 minutes) or been used. "
                        + "Please create a new one."));
            }
            return chats.link(turn.tx(), turn.chatId(), username, "link")
                    .chain(() -> audit.append(turn.tx(), entry(username, "telegram.link", turn, AuditEntry.Result.SUCCESS, "linked by code")))
                    .map(ignored -> turn.say("Linked to <b>" + Html.escape(username) + "</b>. Send /today for today's figures, /help for the rest."));
        });
    }

    private Uni<List<Outgoing>> unlink(Turn turn) {
        return chats.unlink(turn.tx(), turn.chatId()).chain(username -> username == null
                ? Uni.createFrom().item(turn.say("This chat is not linked."))
                : audit.append(turn.tx(), entry(username, "telegram.unlink", turn, AuditEntry.Result.SUCCESS, null))
                        .map(ignored -> turn.say("Unlinked. This chat no longer shows store figures; /link links it again.")));
    }

    /** Commands that need a linked, enabled user with a role that sees figures. */
    private Uni<List<Outgoing>> linked(Turn turn, Command command) {
        if (turn.user() == null) {
            boolean known = List.of("today", "traffic", "sales", "report", "stores", "alerts", "subscribe", "unsubscribe").contains(command.name());
            return Uni.createFrom().item(turn.say(known ? BotTexts.NOT_LINKED : BotTexts.HELP));
        }
        if (turn.user().disabled()) {
            return Uni.createFrom().item(turn.say(BotTexts.DISABLED));
        }
        if (turn.user().roles().stream().noneMatch(FIGURE_ROLES::contains)) {
            return Uni.createFrom().item(turn.say(BotTexts.NO_ACCESS));
        }
        return switch (command.name()) {
            case "today" -> withStore(turn, command.rest(), command.name(), store -> summary(turn, store, null).map(s -> turn.say(BotTexts.today(s, turn.format()))));
            case "traffic" -> withStore(turn, command.rest(), command.name(), store -> summary(turn, store, null).map(s -> turn.say(BotTexts.traffic(s, turn.format()))));
            case "sales" -> withStore(turn, command.rest(), command.name(), store -> summary(turn, store, null).map(s -> turn.say(BotTexts.sales(s, turn.format()))));
            case "report" -> report(turn, command);
            case "stores" -> storesKeyboard(turn);
            case "alerts" -> alerts(turn, command);
            case "subscribe" -> subscribe(turn, command);
            case "unsubscribe" -> unsubscribe(turn, command);
            default -> Uni.createFrom().item(turn.say("I do not know /" + Html.escape(command.name()) + ".\n\n" + BotTexts.HELP));
        };
    }

    private Uni<Summary> summary(Turn turn, Store store, LocalDate date) {
        return analytics.day(turn.scope(), store, date).map(view -> view.summary());
    }

    private Uni<List<Outgoing>> report(Turn turn, Command command) {
        List<String> args = new ArrayList<>(command.args());
        LocalDate date = null;
        String dateWord = args.isEmpty() ? null : args.get(args.size() - 1).toLowerCase(Locale.ROOT);
        boolean relative = "today".equals(dateWord) || "yesterday".equals(dateWord);
        if (dateWord != null && (relative || dateWord.matches("\\d{4}-\\d{2}-\\d{2}"))) {
            args.remove(args.size() - 1);
            if (!relative) {
                try {
                    date = LocalDate.parse(dateWord);
                } catch (DateTimeParseException e) {
                    return Uni.createFrom().item(turn.say("That is not a date: use YYYY-MM-DD, today or yesterday."));
                }
            }
        }
        LocalDate asked = date;
        return withStore(turn, String.join(" ", args), command.name(), store -> {
            LocalDate today = LocalDate.now(ZoneId.of(store.timezone()));
            LocalDate day = asked != null ? asked : "yesterday".equals(dateWord) ? today.minusDays(1) : today;
            if (day.isAfter(today)) {
                return Uni.createFrom().item(turn.say("That day has not come yet in " + Html.escape(store.name()) + "."));
            }
            return reportPhoto(turn.scope(), store, day, turn.chatId(), turn.format());
        });
    }

    /** The daily report of a store's day as a photo with its caption (also the daily subscriptions' message). */
    Uni<List<Outgoing>> reportPhoto(StoreScope scope, Store store, LocalDate day, long chatId, PeopleFormat format) {
        return analytics.day(scope, store, day).chain(view -> reports.daily(scope, store.id(), day, ReportFormat.PNG)
                .map(png -> png == null ? Outgoing.html(chatId, "That store is not among yours.")
                        : List.of(Outgoing.photo(chatId, png.body(), BotTexts.reportCaption(view.summary(), format)))));
    }

    private Uni<List<Outgoing>> storesKeyboard(Turn turn) {
        return stores.list(turn.scope()).map(list -> {
            if (list.isEmpty()) {
                return turn.say("Your account has no stores yet.");
            }
            JsonArray keyboard = new JsonArray();
            list.stream().limit(50).forEach(store -> keyboard.add(new JsonArray().add(new JsonObject().put("text", store.name())
                    .put("callback_data", callbackData(store.id())))));
            String current = turn.chat().currentStore();
            String text = "Pick the store for /today, /traffic, /sales and /report" + (current == null ? "" : " (now: <b>" + Html.escape(current) + "</b>)")
                    + (list.size() > 50 ? ". The first 50 of your " + list.size() + " stores are below; others by name: /today NAME" : ":");
            return Outgoing.html(turn.chatId(), text, keyboard);
        });
    }

    /** Callback data for a store button: at most 64 bytes (a long id is cut; picking it matches the one store it starts). */
    static String callbackData(String storeId) {
        String data = STORE_BUTTON + storeId;
        while (data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
            data = data.substring(0, data.length() - 1);
        }
        return data;
    }

    private Uni<List<Outgoing>> callback(Turn turn) {
        IncomingUpdate update = turn.update();
        String data = update.callbackData() == null ? "" : update.callbackData();
        if (data.startsWith(TelegramAlerts.ACK_BUTTON)) {
            return acknowledge(turn, data.substring(TelegramAlerts.ACK_BUTTON.length()));
        }
        if (!data.startsWith(STORE_BUTTON)) {
            return Uni.createFrom().item(List.of(Outgoing.callbackAnswer(turn.chatId(), update.callbackId(), "This button is no longer in use.")));
        }
        Outgoing unlinked = unlinkedAnswer(turn);
        if (unlinked != null) {
            return Uni.createFrom().item(List.of(unlinked));
        }
        String prefix = data.substring(STORE_BUTTON.length());
        return stores.list(turn.scope()).chain(list -> {
            List<Store> matching = list.stream().filter(s -> s.id().equals(prefix)).toList();
            if (matching.isEmpty()) {
                matching = list.stream().filter(s -> s.id().startsWith(prefix)).toList();
            }
            if (matching.size() != 1) {
                return denied(turn, "stores-button", prefix)
                        .map(ignored -> List.of(Outgoing.callbackAnswer(turn.chatId(), update.callbackId(), "That store is not among yours.")));
            }
            Store store = matching.get(0);
            List<Outgoing> out = new ArrayList<>();
            out.add(Outgoing.callbackAnswer(turn.chatId(), update.callbackId(), "Now on " + store.name()));
            if (update.callbackHasMessage()) {
                out.addAll(turn.say("Now on <b>" + Html.escape(store.name()) + "</b>: /today, /traffic, /sales, /report."));
            }
            return chats.setCurrentStore(turn.tx(), turn.chatId(), store.id()).replaceWith(out);
        });
    }

    /** The answer to a button pressed in a chat with no usable account (not linked, or disabled); null when it has one. */
    private static Outgoing unlinkedAnswer(Turn turn) {
        if (turn.user() != null && !turn.user().disabled()) {
            return null;
        }
        String notice = turn.user() == null ? "This chat is not linked: send /link CODE first." : "Your account is disabled.";
        return Outgoing.callbackAnswer(turn.chatId(), turn.update().callbackId(), notice);
    }

    /** The "Acknowledge" button of an alert message: managers and admins of the alert's store, audited like REST. */
    private Uni<List<Outgoing>> acknowledge(Turn turn, String alertText) {
        IncomingUpdate update = turn.update();
        Outgoing unlinked = unlinkedAnswer(turn);
        if (unlinked != null) {
            return Uni.createFrom().item(List.of(unlinked));
        }
        if (!turn.user().roles().contains(Roles.ADMIN) && !turn.user().roles().contains(Roles.MANAGER)) {
            return Uni.createFrom().item(List.of(Outgoing.callbackAnswer(turn.chatId(), update.callbackId(),
                    "Only the store's managers can acknowledge alerts.")));
        }
        long alertId;
        try {
            alertId = Long.parseLong(alertText);
        } catch (NumberFormatException e) {
            return Uni.createFrom().item(List.of(Outgoing.callbackAnswer(turn.chatId(), update.callbackId(), "This button is no longer in use.")));
        }
        String who = turn.user().username();
        return alerts.acknowledge(turn.scope(), alertId, who, entry(who, "alert.acknowledge", turn, AuditEntry.Result.SUCCESS, null))
                .map(outcome -> {
                    if (!(outcome instanceof AlertService.Acknowledged acknowledged)) {
                        return List.of(Outgoing.callbackAnswer(turn.chatId(), update.callbackId(), "That alert is not among yours."));
                    }
                    List<Outgoing> out = new ArrayList<>();
                    if (!acknowledged.first()) {
                        out.add(Outgoing.callbackAnswer(turn.chatId(), update.callbackId(), "Already acknowledged by "
                                + acknowledged.alert().get("acknowledgedBy") + "."));
                        return out;
                    }
                    out.add(Outgoing.callbackAnswer(turn.chatId(), update.callbackId(), "Acknowledged."));
                    out.addAll(turn.say("Alert acknowledged by <b>" + Html.escape(who) + "</b>."));
                    return out;
                });
    }

    private Uni<List<Outgoing>> alerts(Turn turn, Command command) {
        String mode = command.args().isEmpty() ? "" : command.args().get(0).toLowerCase(Locale.ROOT);
        if (!mode.equals("on") && !mode.equals("off")) {
            return sql.applyScope(turn.tx(), turn.scope()).chain(() -> storeSettings.alertStores(turn.tx(), turn.chatId()))
                    .map(list -> turn.say("Alerts reach this chat for: " + (list.isEmpty() ? "no store" : Html.escape(String.join(", ", list)))
                            + ".\nUse <code>/alerts on|off [store]</code>."));
        }
        String storeArg = String.join(" ", command.args().subList(1, command.args().size()));
        return withStore(turn, storeArg, command.name(), store -> sql.applyScope(turn.tx(), turn.scope())
                .chain(() -> storeSettings.alerts(turn.tx(), turn.chatId(), store.id(), mode.equals("on")))
                .map(ignored -> turn.say("Alerts for <b>" + Html.escape(store.name()) + "</b> are " + mode + " in this chat.")));
    }

    private Uni<List<Outgoing>> subscribe(Turn turn, Command command) {
        List<String> args = command.args();
        if (args.size() < 2 || !args.get(0).equalsIgnoreCase("daily") || !args.get(1).matches("([01]?\\d|2[0-3]):[0-5]\\d")) {
            return Uni.createFrom().item(turn.say("Use <code>/subscribe daily HH:MM [store]</code>, for example <code>/subscribe daily 21:30</code> "
                    + "(the store's local time)."));
        }
        LocalTime at = LocalTime.parse(args.get(1).length() == 4 ? "0" + args.get(1) : args.get(1));
        String storeArg = String.join(" ", args.subList(2, args.size()));
        return withStore(turn, storeArg, command.name(), store -> {
            ZoneId zone = ZoneId.of(store.timezone());
            java.time.ZonedDateTime now = java.time.ZonedDateTime.now(zone);
            return sql.applyScope(turn.tx(), turn.scope())
                    .chain(() -> storeSettings.subscribe(turn.tx(), turn.chatId(), store.id(), at, now.toLocalDate(), now.toLocalTime()))
                    .map(ignored -> turn.say("Daily report for <b>" + Html.escape(store.name()) + "</b> at " + at + " (" + Html.escape(store.timezone())
                            + " time), first " + (at.isAfter(now.toLocalTime()) ? "today" : "tomorrow") + ". "
                            + (at.isBefore(LocalTime.NOON) ? "Before noon it shows the day before." : "It shows the day so far.")));
        });
    }

    private Uni<List<Outgoing>> unsubscribe(Turn turn, Command command) {
        Uni<String> storeId = command.args().isEmpty() ? Uni.createFrom().nullItem()
                : resolve(turn, command.rest()).map(store -> store == null ? "" : store.id());
        return storeId.chain(id -> {
            if ("".equals(id)) {
                return denied(turn, command.name(), command.rest()).map(ignored -> turn.say(notYours(command.rest())));
            }
            return sql.applyScope(turn.tx(), turn.scope()).chain(() -> storeSettings.unsubscribe(turn.tx(), turn.chatId(), id))
                    .map(count -> turn.say(count == 0 ? "There was no daily report to stop." : "Stopped " + count + " daily report" + (count == 1 ? "." : "s.")));
        });
    }

    /**
     * Runs the work with the store the argument names (its id or name, any case), the chat's current store, or the user's
     * only store; otherwise asks which. A store outside the user's is refused (and audited) like an unknown one.
     */
    private Uni<List<Outgoing>> withStore(Turn turn, String argument, String commandName, Function<Store, Uni<List<Outgoing>>> work) {
        String asked = argument == null ? "" : argument.strip();
        if (asked.isEmpty()) {
            return stores.list(turn.scope()).chain(list -> {
                String current = turn.chat().currentStore();
                Store chosen = list.stream().filter(s -> s.id().equals(current)).findFirst().orElse(list.size() == 1 ? list.get(0) : null);
                if (chosen != null) {
                    return work.apply(chosen);
                }
                return list.isEmpty() ? Uni.createFrom().item(turn.say("Your account has no stores yet.")) : storesKeyboard(turn);
            });
        }
        return resolve(turn, asked).chain(store -> store != null ? work.apply(store)
                : denied(turn, commandName, asked).map(ignored -> turn.say(notYours(asked))));
    }

    private Uni<Store> resolve(Turn turn, String asked) {
        return stores.list(turn.scope()).map(list -> list.stream().filter(s -> s.id().equals(asked)).findFirst()
                .or(() -> list.stream().filter(s -> s.id().equalsIgnoreCase(asked) || s.name().equalsIgnoreCase(asked)).findFirst())
                .orElse(null));
    }

    /** Audits a store refused for scope when such a store exists (an unknown name is only a typo). */
    private Uni<Void> denied(Turn turn, String commandName, String asked) {
        return stores.list(StoreScope.ALL).chain(all -> {
            boolean exists = all.stream().anyMatch(s -> s.id().equalsIgnoreCase(asked) || s.name().equalsIgnoreCase(asked) || s.id().startsWith(asked));
            if (!exists) {
                return Uni.createFrom().voidItem();
            }
            return audit.append(turn.tx(), entry(turn.user().username(), "access.denied", turn, AuditEntry.Result.DENIED,
                    "store outside the principal's stores: store '" + asked + "' (/" + commandName + ")"));
        });
    }

    private static String notYours(String asked) {
        return "I found no store <b>" + Html.escape(asked) + "</b> among yours. /stores lists them.";
    }

    private static AuditEntry entry(String actor, String action, Turn turn, AuditEntry.Result result, String detail) {
        return new AuditEntry(actor, AuditEntry.Channel.TELEGRAM, action, "chat " + turn.chatId(), result,
                "tg-" + turn.update().updateId(), detail);
    }
}

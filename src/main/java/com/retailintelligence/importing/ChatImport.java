package com.retailintelligence.importing;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.Roles;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.auth.PasswordHasher;
import com.retailintelligence.auth.UserAccount;
import com.retailintelligence.auth.UserRepository;
import com.retailintelligence.store.StoreDirectory;
import com.retailintelligence.telegram.ChatAccounts;

/**
 * The old bot's chat users: each becomes a user (created with its role and stores when we have none of that name,
 * with a random password nobody knows: an administrator sets one if they also want the dashboard) and its chat a
 * linked Telegram identity, through ChatAccounts as POST /api/v1/telegram/chats does — so the chat is answered at
 * once, with no /link. A user we have keeps the roles and stores we have. Blocking: a worker thread's.
 */
@ApplicationScoped
class ChatImport {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{3,64}");

    /** Chats linked and users created. */
    record Result(int linked, int usersCreated) {
    }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final ChatAccounts chats;
    private final StoreDirectory stores;
    /** Per bean, not static: a native image must not hold a seeded generator from its build (NativeSourcesTest). */
    private final SecureRandom random = new SecureRandom();

    ChatImport(UserRepository users, PasswordHasher hasher, ChatAccounts chats, StoreDirectory stores) {
        this.users = users;
        this.hasher = hasher;
        this.chats = chats;
        this.stores = stores;
    }

    Result link(List<SourceRow> rows, ImportProgress progress, String actor) {
        int linked = 0;
        int created = 0;
        for (SourceRow row : rows) {
            Long chatId = chatId(row.values().get("chatId"));
            String username = text(row.values().get("username"));
            String role = text(row.values().get("role"));
            role = role == null ? Roles.MANAGER : role.toLowerCase(java.util.Locale.ROOT);
            Set<String> storeIds = new LinkedHashSet<>();
            String list = text(row.values().get("stores"));
            if (list != null) {
                for (String id : list.split("[,;\\s]+")) {
                    if (!id.isBlank()) {
                        storeIds.add(id.strip());
                    }
                }
            }
            String reason = chatId == null ? "chatId: '" + row.values().get("chatId") + "' is not a Telegram chat id"
                    : username == null || !USERNAME.matcher(username).matches() ? "username: '" + username + "' is not a user name (3-64 letters, digits, '.', '_' or '-')"
                    : !List.of(Roles.ADMIN, Roles.MANAGER, Roles.VIEWER).contains(role) ? "role: '" + role + "' is not admin, manager or viewer"
                    : !role.equals(Roles.ADMIN) && storeIds.isEmpty() ? "stores: a " + role + " needs at least one store"
                    : null;
            if (reason == null && !role.equals(Roles.ADMIN)) {
                SortedSet<String> unknown = stores.unknown(storeIds).await().atMost(TIMEOUT);
                reason = unknown.isEmpty() ? null : "stores: no store with id " + String.join(", ", unknown);
            }
            if (reason != null) {
                progress.reject(new Rejection(row.file(), row.row(), reason));
                continue;
            }
            if (users.findByUsername(username).await().atMost(TIMEOUT) == null) {
                String hash = hasher.hash(randomPassword()).await().atMost(TIMEOUT);
                Set<String> scope = role.equals(Roles.ADMIN) ? Set.of() : storeIds;
                if (users.insertIfAbsent(new UserAccount(username, hash, Set.of(role), scope)).await().atMost(TIMEOUT)) {
                    created++;
                }
            }
            ChatAccounts.Registration registration = chats.register(chatId, username, new AuditEntry(actor, AuditEntry.Channel.SYSTEM,
                    "telegram.chat.register", "chat " + chatId, AuditEntry.Result.SUCCESS, null, "import of " + username))
                    .await().atMost(TIMEOUT);
            if (registration == ChatAccounts.Registration.CREATED) {
                linked++;
            }
        }
        return new Result(linked, created);
    }

    private static Long chatId(Object value) {
        if (value instanceof Number number && !(value instanceof Double)) {
            return number.longValue();
        }
        try {
            return value == null ? null : Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String randomPassword() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}

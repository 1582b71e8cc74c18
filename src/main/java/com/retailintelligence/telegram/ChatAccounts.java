package com.retailintelligence.telegram;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.audit.AuditLog;
import com.retailintelligence.auth.UserRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Chats an administrator registers or removes, each change audited in its own transaction. */
@ApplicationScoped
public class ChatAccounts {

    /** What a registration came to. */
    public enum Registration { CREATED, UNCHANGED, UNKNOWN_USER }

    private final Pool pool;
    private final ChatRepository chats;
    private final UserRepository users;
    private final AuditLog audit;

    public ChatAccounts(Pool pool, ChatRepository chats, UserRepository users, AuditLog audit) {
        this.pool = pool;
        this.chats = chats;
        this.users = users;
        this.audit = audit;
    }

    public Uni<Registration> register(long chatId, String username, AuditEntry entry) {
        return pool.withTransaction(tx -> users.findByUsername(tx, username).chain(user -> {
            if (user == null) {
                return Uni.createFrom().item(Registration.UNKNOWN_USER);
            }
            return chats.find(tx, chatId).chain(existing -> {
                if (existing != null && existing.username().equals(username)) {
                    return Uni.createFrom().item(Registration.UNCHANGED);
                }
                return chats.link(tx, chatId, username, "registered").chain(() -> audit.append(tx, entry)).replaceWith(Registration.CREATED);
            });
        }));
    }

    public Uni<Boolean> unlink(long chatId, AuditEntry entry) {
        return pool.withTransaction(tx -> chats.unlink(tx, chatId)
                .chain(username -> username == null ? Uni.createFrom().item(false) : audit.append(tx, entry).replaceWith(true)));
    }

    public Uni<List<ChatRepository.LinkedChat>> list() {
        return chats.listAll();
    }
}

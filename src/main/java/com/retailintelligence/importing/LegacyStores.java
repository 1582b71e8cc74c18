package com.retailintelligence.importing;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.audit.AuditEntry;
import com.retailintelligence.store.NewStore;
import com.retailintelligence.store.Store;
import com.retailintelligence.store.StoreIds;
import com.retailintelligence.store.StoreService;
import com.retailintelligence.validation.Currencies;

/**
 * The old file's stores: each one we do not have yet is created through StoreService, as POST /api/v1/stores does,
 * with the same rules for ids, zones and currencies; a store we have is left as it is. Blocking: a worker thread's.
 */
@ApplicationScoped
class LegacyStores {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final StoreService stores;

    LegacyStores(StoreService stores) {
        this.stores = stores;
    }

    /** Creates the missing stores; yields how many were created. */
    int create(List<SourceRow> rows, ImportProgress progress, String actor) {
        int created = 0;
        for (SourceRow row : rows) {
            String id = text(row, "id");
            String name = orElse(text(row, "name"), id);
            String zone = orElse(text(row, "timezone"), "UTC");
            String currency = orElse(text(row, "currency"), "EUR").toUpperCase(java.util.Locale.ROOT);
            String reason = reason(id, name, zone, currency);
            if (reason != null) {
                progress.reject(new Rejection(row.file(), row.row(), reason));
                continue;
            }
            NewStore store = new NewStore(id, name, zone, null, currency);
            Store made = stores.create(StoreScope.ALL, store, new AuditEntry(actor, AuditEntry.Channel.SYSTEM, "store.create", id,
                    AuditEntry.Result.SUCCESS, null, "import")).await().atMost(TIMEOUT);
            if (made != null) {
                created++;
            }
        }
        return created;
    }

    private static String reason(String id, String name, String zone, String currency) {
        if (id == null || !StoreIds.isValid(id)) {
            return "id: '" + id + "' is not a store id (1 to 64 lowercase letters, digits and hyphens, not starting with a hyphen)";
        }
        if (name.length() > 200) {
            return "name: longer than 200 characters";
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            return "timezone: '" + zone + "' is not an IANA time zone such as Europe/Lisbon";
        }
        if (Currencies.find(currency) == null) {
            return "currency: '" + currency + "' is not an ISO 4217 currency code such as EUR";
        }
        return null;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String text(SourceRow row, String field) {
        Object value = row.values().get(field);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}

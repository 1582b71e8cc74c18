package com.retailintelligence.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.RollupRepository;
import com.retailintelligence.aggregate.RollupRow;
import com.retailintelligence.db.ScopedSql;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs an event type's ingest statement and sorts its result: rows of kind 'e' name the events it inserted
 * (new ones only), rows of kind 'r' carry the rollups' new absolute values.
 */
public final class InsertStatement {

    private InsertStatement() {
    }

    public static <E extends IngestedEvent> Uni<EventType.Inserted<E>> execute(ScopedSql scoped, StoreScope scope, String sql,
            Tuple arrays, List<E> events) {
        return scoped.statement(scope, sql, arrays).map(rows -> {
            Set<String> inserted = new HashSet<>();
            List<RollupRow> rollups = new ArrayList<>();
            for (Row row : rows) {
                if ("e".equals(row.getString("kind"))) {
                    inserted.add(key(row.getString("store_id"), row.getString("event_id")));
                } else {
                    rollups.add(RollupRepository.toRollup(row));
                }
            }
            // In the batch's order, whatever order the statement returns its rows in: live messages and their
            // running totals follow it. An id named twice in a batch counts once, as its first reading.
            List<E> accepted = new ArrayList<>(inserted.size());
            for (E event : events) {
                if (inserted.remove(key(event.storeId(), event.id()))) {
                    accepted.add(event);
                }
            }
            return new EventType.Inserted<>(accepted, rollups);
        });
    }

    private static String key(String storeId, String eventId) {
        return storeId + '\u0000' + eventId;
    }
}

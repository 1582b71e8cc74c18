package com.retailintelligence.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, E> byKey = new HashMap<>(events.size() * 2);
        for (E event : events) {
            byKey.putIfAbsent(key(event.storeId(), event.id()), event);
        }
        return scoped.statement(scope, sql, arrays).map(rows -> {
            List<E> accepted = new ArrayList<>();
            List<RollupRow> rollups = new ArrayList<>();
            for (Row row : rows) {
                if ("e".equals(row.getString("kind"))) {
                    accepted.add(byKey.get(key(row.getString("store_id"), row.getString("event_id"))));
                } else {
                    rollups.add(RollupRepository.toRollup(row));
                }
            }
            return new EventType.Inserted<>(accepted, rollups);
        });
    }

    private static String key(String storeId, String eventId) {
        return storeId + '\u0000' + eventId;
    }
}

package com.retailintelligence.traffic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.aggregate.DayTotals;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.ingest.EventType;
import com.retailintelligence.ingest.FieldReader;
import com.retailintelligence.ingest.InsertStatement;
import com.retailintelligence.ingest.StoreDayGroups;
import com.retailintelligence.ingest.StoreDirectory.StoreInfo;
import com.retailintelligence.live.LiveJson;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** People-counter readings for the ingest pipeline: how to read, store, roll up and publish them. */
@ApplicationScoped
public class TrafficEvents implements EventType<TrafficReading> {

    /**
     * One statement per batch: insert the new readings (duplicates skipped), add them to the rollups and
     * return both the inserted readings ('e' rows) and the rollups' new absolute values ('r' rows).
     */
    private static final String INSERT = """
            WITH input AS (
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::int[])
                    AS t (store_id, event_id, sensor_id, occurred_at, in_count, out_count)
            ), inserted AS (
                INSERT INTO traffic_events (store_id, event_id, sensor_id, occurred_at, in_count, out_count)
                SELECT store_id, event_id, sensor_id, occurred_at, in_count, out_count FROM input
                ON CONFLICT DO NOTHING
                RETURNING store_id, event_id, occurred_at, in_count, out_count
            ), per_minute AS (
                -- Sum per store and minute first: the time zone arithmetic then runs per minute, not per event.
                SELECT i.store_id, date_trunc('minute', i.occurred_at) AS minute, m.metric, sum(m.value) AS value
                FROM inserted i
                CROSS JOIN LATERAL traffic_metrics(i.in_count, i.out_count) m
                GROUP BY 1, 2, 3
            ), contributions AS (
                SELECT p.store_id, p.metric, b.bucket, b.bucket_start, b.local_day, sum(p.value) AS value
                FROM per_minute p
                -- LEFT JOIN: a store deleted meanwhile must reach the rollups' foreign key and fail the statement.
                LEFT JOIN stores s ON s.id = p.store_id
                CROSS JOIN LATERAL event_buckets(p.minute, coalesce(s.timezone, 'UTC')) b
                GROUP BY 1, 2, 3, 4, 5
            ), upserted AS (
                INSERT INTO rollups AS r (store_id, metric, bucket, bucket_start, local_day, value)
                SELECT * FROM contributions ORDER BY store_id, metric, bucket, bucket_start
                ON CONFLICT (store_id, metric, bucket, bucket_start)
                DO UPDATE SET value = r.value + excluded.value, updated_at = now()
                RETURNING store_id, metric, bucket, bucket_start, local_day, value
            )
            SELECT 'e' AS kind, store_id, event_id, NULL AS metric, NULL AS bucket, NULL::timestamptz AS bucket_start,
                   NULL::date AS local_day, NULL::bigint AS value FROM inserted
            UNION ALL
            SELECT 'r', store_id, NULL, metric, bucket, bucket_start, local_day, value FROM upserted
            """;

    private final Pool pool;

    public TrafficEvents(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "traffic";
    }

    @Override
    public TrafficReading read(int index, JsonNode event, FieldReader fields, Instant latest) {
        String id = fields.identifier(index, event, "id");
        String storeId = fields.storeId(index, event);
        String sensorId = fields.identifier(index, event, "sensorId");
        Instant timestamp = fields.timestamp(index, event, latest);
        Integer in = fields.count(index, event, "in", null);
        Integer out = fields.count(index, event, "out", null);
        if (id == null || storeId == null || sensorId == null || timestamp == null || in == null || out == null) {
            return null;
        }
        return new TrafficReading(id, storeId, sensorId, timestamp, in, out);
    }

    @Override
    public Uni<Inserted<TrafficReading>> insert(List<TrafficReading> events) {
        int n = events.size();
        String[] stores = new String[n];
        String[] ids = new String[n];
        String[] sensors = new String[n];
        java.time.OffsetDateTime[] times = new java.time.OffsetDateTime[n];
        Integer[] ins = new Integer[n];
        Integer[] outs = new Integer[n];
        for (int i = 0; i < n; i++) {
            TrafficReading e = events.get(i);
            stores[i] = e.storeId();
            ids[i] = e.id();
            sensors[i] = e.sensorId();
            times[i] = e.timestamp().atOffset(ZoneOffset.UTC);
            ins[i] = e.in();
            outs[i] = e.out();
        }
        return InsertStatement.execute(pool, INSERT, Tuple.of(stores, ids, sensors, times, ins, outs), events);
    }

    @Override
    public List<String> liveMessages(List<TrafficReading> accepted, Map<String, StoreInfo> stores, DayTotals totals) {
        List<String> messages = new ArrayList<>();
        for (StoreDayGroups.Group<TrafficReading> group : StoreDayGroups.of(accepted, stores)) {
            List<TrafficReading> readings = group.events();
            // Running totals right after each event: count back from the day totals through the later events.
            long[] visitors = new long[readings.size()];
            long[] exits = new long[readings.size()];
            long v = totals.get(group.storeId(), group.day(), Metrics.VISITORS);
            long x = totals.get(group.storeId(), group.day(), Metrics.EXITS);
            for (int i = readings.size() - 1; i >= 0; i--) {
                visitors[i] = v;
                exits[i] = x;
                v -= readings.get(i).in();
                x -= readings.get(i).out();
            }
            messages.add(LiveJson.write(json -> {
                json.writeStartObject();
                json.writeStringField("type", "traffic");
                json.writeStringField("storeId", group.storeId());
                json.writeStringField("localDay", group.day().toString());
                json.writeArrayFieldStart("events");
                for (int i = 0; i < readings.size(); i++) {
                    TrafficReading r = readings.get(i);
                    json.writeStartObject();
                    json.writeStringField("eventId", r.id());
                    json.writeStringField("sensorId", r.sensorId());
                    json.writeStringField("timestamp", r.timestamp().toString());
                    json.writeNumberField("in", r.in());
                    json.writeNumberField("out", r.out());
                    json.writeNumberField("visitorsToday", visitors[i]);
                    json.writeNumberField("occupancy", Math.max(0, visitors[i] - exits[i]));
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }));
        }
        return messages;
    }
}

package com.retailintelligence.traffic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.retailintelligence.access.StoreScope;
import com.retailintelligence.aggregate.DayTotals;
import com.retailintelligence.aggregate.Metrics;
import com.retailintelligence.aggregate.RollupSql;
import com.retailintelligence.db.ScopedSql;
import com.retailintelligence.ingest.EventType;
import com.retailintelligence.ingest.FieldReader;
import com.retailintelligence.ingest.InsertStatement;
import com.retailintelligence.ingest.StoreDayGroups;
import com.retailintelligence.live.LiveBatch;
import com.retailintelligence.live.LiveJson;
import com.retailintelligence.store.StoreDirectory.StoreInfo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/** People-counter readings for the ingest pipeline: how to read, store, roll up and publish them. */
@ApplicationScoped
public class TrafficEvents implements EventType<TrafficReading> {

    /**
     * One statement per batch: claim the batch's new ids (the dedupe: traffic_event_ids' primary key, as the
     * partitioned event table cannot have one without the time), insert the readings whose id was claimed, and
     * roll them up; see RollupSql. A batch naming an id twice keeps its first reading, as before.
     */
    public static final String INSERT = RollupSql.statement("""
                batch AS (
                    SELECT DISTINCT ON (store_id, event_id) store_id, event_id, sensor_id, occurred_at, in_count, out_count
                    FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::int[])
                         WITH ORDINALITY AS b(store_id, event_id, sensor_id, occurred_at, in_count, out_count, ord)
                    ORDER BY store_id, event_id, ord
                ), claimed AS (
                    INSERT INTO traffic_event_ids (store_id, event_id, occurred_at)
                    SELECT store_id, event_id, occurred_at FROM batch
                    ON CONFLICT (store_id, event_id) DO NOTHING
                    RETURNING store_id, event_id
                ), inserted AS (
                    INSERT INTO traffic_events (store_id, event_id, sensor_id, occurred_at, in_count, out_count)
                    SELECT b.store_id, b.event_id, b.sensor_id, b.occurred_at, b.in_count, b.out_count
                    FROM batch b JOIN claimed c ON c.store_id = b.store_id AND c.event_id = b.event_id
                    RETURNING store_id, event_id, occurred_at, in_count, out_count
                )
            """, Metrics.TRAFFIC_SQL);


    private final ScopedSql sql;

    public TrafficEvents(ScopedSql sql) {
        this.sql = sql;
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
    public Uni<Inserted<TrafficReading>> insert(List<TrafficReading> events, StoreScope scope) {
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
        return InsertStatement.execute(sql, scope, INSERT, Tuple.of(stores, ids, sensors, times, ins, outs), events);
    }

    @Override
    public List<LiveBatch> liveMessages(List<TrafficReading> accepted, Map<String, StoreInfo> stores, DayTotals totals) {
        List<LiveBatch> batches = new ArrayList<>();
        for (StoreDayGroups.Group<TrafficReading> group : StoreDayGroups.of(accepted, stores)) {
            List<TrafficReading> readings = group.events();
            long visitors = totals.get(group.storeId(), group.day(), Metrics.VISITORS);
            RunningTotals running = RunningTotals.countBack(readings, visitors, totals.get(group.storeId(), group.day(), Metrics.EXITS));
            String day = group.day().toString();
            List<String> messages = new ArrayList<>(readings.size());
            for (int i = 0; i < readings.size(); i++) {
                TrafficReading r = readings.get(i);
                int at = i;
                messages.add(LiveJson.write(json -> {
                    json.writeStartObject();
                    json.writeStringField("type", "traffic");
                    json.writeStringField("storeId", group.storeId());
                    json.writeStringField("eventId", r.id());
                    json.writeStringField("sensorId", r.sensorId());
                    json.writeStringField("timestamp", r.timestamp().toString());
                    json.writeNumberField("in", r.in());
                    json.writeNumberField("out", r.out());
                    json.writeNumberField("visitorsToday", running.visitorsAfter(at));
                    json.writeNumberField("occupancy", running.occupancyAfter(at));
                    // The totals are of this store-local day: a late event (or demo history) carries an earlier day's.
                    json.writeStringField("localDay", day);
                    json.writeEndObject();
                }));
            }
            batches.add(LiveBatch.traffic(group.storeId(), group.day(), visitors, messages));
        }
        return batches;
    }
}

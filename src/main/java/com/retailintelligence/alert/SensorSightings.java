package com.retailintelligence.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.retailintelligence.db.ScopedSql;
import com.retailintelligence.traffic.TrafficReading;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * When each people counter last reported, for the sensor-silent rule: noted in memory as batches are ingested and
 * written to {@code sensor_last_seen} every few seconds in one statement (GREATEST, so replicas merge), instead of a
 * statement per batch on the ingest path. A kill loses at most those seconds of sightings, which only makes a sensor
 * look silent a few seconds early.
 */
@ApplicationScoped
public class SensorSightings {

    private static final String UPSERT = "INSERT INTO sensor_last_seen (store_id, sensor_id, last_seen) "
            + "SELECT u.store_id, u.sensor_id, u.last_seen FROM unnest($1::text[], $2::text[], $3::timestamptz[]) "
            + "AS u (store_id, sensor_id, last_seen) JOIN stores s ON s.id = u.store_id "
            + "ON CONFLICT (store_id, sensor_id) DO UPDATE SET last_seen = GREATEST(sensor_last_seen.last_seen, EXCLUDED.last_seen)";

    private final ScopedSql sql;
    /** Store → sensor → latest reading seen since the last flush. */
    private final Map<String, Map<String, Instant>> pending = new ConcurrentHashMap<>();

    public SensorSightings(ScopedSql sql) {
        this.sql = sql;
    }

    void saw(List<TrafficReading> readings) {
        Instant latest = Instant.now().plusSeconds(60);
        String lastStore = null;
        Map<String, Instant> sensors = null;
        for (TrafficReading reading : readings) {
            if (reading.timestamp().isAfter(latest)) {
                continue;
            }
            if (!reading.storeId().equals(lastStore)) {
                lastStore = reading.storeId();
                sensors = pending.computeIfAbsent(lastStore, id -> new ConcurrentHashMap<>());
            }
            sensors.merge(reading.sensorId(), reading.timestamp(), SensorSightings::later);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Scheduled(every = "${retail.alerts.sightings-interval:5s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledFlush() {
        return flush().onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The sightings of the last seconds are written before the replica stops, or a sensor might look silent. */
    void flushOnStop(@Observes ShutdownEvent event) {
        flush().onFailure().invoke(failure -> Log.warnf("Sensor sightings not written at stop: %s", failure.getMessage()))
                .onFailure().recoverWithNull().await().atMost(java.time.Duration.ofSeconds(5));
    }

    /**
     * Writes what was seen since the last flush. Each sighting is taken out of the map only if it did not change
     * meanwhile (a later one stays for the next flush); on failure they go back.
     */
    Uni<Void> flush() {
        List<String> stores = new ArrayList<>();
        List<String> sensors = new ArrayList<>();
        List<java.time.OffsetDateTime> times = new ArrayList<>();
        List<Instant> taken = new ArrayList<>();
        // One order for every replica, so that two replicas' upserts never deadlock on each other's rows.
        for (String store : new TreeMap<>(pending).keySet()) {
            Map<String, Instant> seen = pending.get(store);
            for (Map.Entry<String, Instant> sighting : new TreeMap<>(seen).entrySet()) {
                if (seen.remove(sighting.getKey(), sighting.getValue())) {
                    stores.add(store);
                    sensors.add(sighting.getKey());
                    times.add(AlertGuard.utc(sighting.getValue()));
                    taken.add(sighting.getValue());
                }
            }
        }
        if (stores.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return sql.system(tx -> tx.preparedQuery(UPSERT).execute(Tuple.of(stores.toArray(String[]::new),
                sensors.toArray(String[]::new), times.toArray(java.time.OffsetDateTime[]::new))))
                .replaceWithVoid()
                .onFailure().invoke(failure -> {
                    for (int i = 0; i < stores.size(); i++) {
                        pending.computeIfAbsent(stores.get(i), id -> new ConcurrentHashMap<>()).merge(sensors.get(i), taken.get(i),
                                SensorSightings::later);
                    }
                });
    }
}

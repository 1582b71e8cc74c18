package com.retailintelligence.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.retailintelligence.redis.RedisKeys;

/**
 * What PostgreSQL and Redis hold of some stores' traffic, read around the service (JDBC as the owner, redis-cli):
 * the stored event ids, whether the rollups agree with the raw events, and whether Redis agrees with the rollups.
 */
public final class StoredTraffic {

    private final String jdbcUrl;
    private final int redisPort;
    private final RedisKeys keys;

    public StoredTraffic(String jdbcUrl, int redisPort, String keyPrefix) {
        this.jdbcUrl = jdbcUrl;
        this.redisPort = redisPort;
        this.keys = new RedisKeys(() -> keyPrefix);
    }

    /** {@code store|eventId} of every stored reading of these stores. */
    public Set<String> storedIds(List<String> stores) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT store_id, event_id FROM traffic_events WHERE store_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", stores.toArray()));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1) + "|" + rows.getString(2));
                }
            }
        }
        return ids;
    }

    /** Day totals where the rollups differ from the raw events (empty when they agree), as "store day metric: rollup vs raw". */
    public List<String> rollupsAgainstRawEvents(List<String> stores) throws SQLException {
        String sql = """
                SELECT r.store_id, r.local_day, r.metric, r.value, coalesce(e.total, -1)
                FROM rollups r
                LEFT JOIN (SELECT t.store_id, (t.occurred_at AT TIME ZONE s.timezone)::date AS day,
                                  sum(t.in_count) AS visitors, sum(t.out_count) AS exits
                           FROM traffic_events t JOIN stores s ON s.id = t.store_id WHERE t.store_id = ANY(?)
                           GROUP BY 1, 2) raw ON raw.store_id = r.store_id AND raw.day = r.local_day
                CROSS JOIN LATERAL (SELECT CASE r.metric WHEN 'visitors' THEN raw.visitors ELSE raw.exits END AS total) e
                WHERE r.store_id = ANY(?) AND r.bucket = 'day'
                """;
        List<String> differences = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", stores.toArray()));
            s.setArray(2, c.createArrayOf("text", stores.toArray()));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(4) != rows.getLong(5)) {
                        differences.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + ": "
                                + rows.getLong(4) + " vs " + rows.getLong(5));
                    }
                }
            }
        }
        return differences;
    }

    /** Every sorted set the rollups of these stores should give in Redis, key → member → score. */
    public Map<String, Map<String, Long>> expectedRedis(List<String> stores) throws SQLException {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT store_id, metric, bucket, bucket_start, local_day, value FROM rollups WHERE store_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", stores.toArray()));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String store = rows.getString(1);
                    java.time.LocalDate day = rows.getDate(5).toLocalDate();
                    if ("day".equals(rows.getString(3))) {
                        expected.computeIfAbsent(keys.dayTotals(store, day), k -> new TreeMap<>()).put(rows.getString(2), rows.getLong(6));
                    } else {
                        String member = Long.toString(rows.getTimestamp(4).toInstant().getEpochSecond());
                        expected.computeIfAbsent(keys.series(store, day, rows.getString(3), rows.getString(2)), k -> new TreeMap<>())
                                .put(member, rows.getLong(6));
                    }
                }
            }
        }
        return expected;
    }

    /** What Redis holds under the same keys. */
    public Map<String, Map<String, Long>> actualRedis(Set<String> redisKeys) throws Exception {
        Map<String, Map<String, Long>> actual = new TreeMap<>();
        for (String key : redisKeys) {
            Process process = new ProcessBuilder("redis-cli", "-p", Integer.toString(redisPort), "--no-raw", "ZRANGE", key, "0", "-1",
                    "WITHSCORES").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            List<String> values = new ArrayList<>();
            for (String line : out.split("\n")) {
                int quote = line.indexOf('"');
                if (quote >= 0) {
                    values.add(line.substring(quote + 1, line.lastIndexOf('"')));
                }
            }
            Map<String, Long> members = new TreeMap<>();
            for (int i = 0; i + 1 < values.size(); i += 2) {
                members.put(values.get(i), (long) Double.parseDouble(values.get(i + 1)));
            }
            if (!members.isEmpty()) {
                actual.put(key, members);
            }
        }
        return actual;
    }

    /** Keys whose Redis content differs from the rollups (empty when Redis equals PostgreSQL). */
    public List<String> redisAgainstRollups(List<String> stores) throws Exception {
        Map<String, Map<String, Long>> expected = expectedRedis(stores);
        Map<String, Map<String, Long>> actual = actualRedis(expected.keySet());
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> entry : expected.entrySet()) {
            Map<String, Long> found = actual.getOrDefault(entry.getKey(), new HashMap<>());
            if (!found.equals(entry.getValue())) {
                differences.add(entry.getKey() + ": redis " + found + " vs postgres " + entry.getValue());
            }
        }
        return differences;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }
}

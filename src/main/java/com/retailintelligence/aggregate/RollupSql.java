package com.retailintelligence.aggregate;

/**
 * Builds an event type's ingest statement: its own CTE {@code inserted} (insert the batch, skip duplicates,
 * return the new rows), then the part common to all types: sum the new rows' metrics per store and minute,
 * spread the sums over the minute, hour and day buckets of the store's time zone, add them to the rollups,
 * and return both the inserted events ('e' rows) and the rollups' new absolute values ('r' rows).
 */
public final class RollupSql {

    private RollupSql() {
    }

    /**
     * @param ctes the type's CTEs, the last one named {@code inserted}; it must return {@code store_id, event_id,
     *        occurred_at} and the columns {@code metricsCall} reads (as {@code i.<column>})
     * @param metricsCall a set-returning call giving {@code (metric, value)} for one event, e.g.
     *        {@code traffic_metrics(i.in_count, i.out_count)}
     */
    public static String statement(String ctes, String metricsCall) {
        return "WITH " + ctes + """
                , per_minute AS (
                    -- Sum per store and minute first: the time zone arithmetic then runs per minute, not per event.
                    SELECT i.store_id, date_trunc('minute', i.occurred_at) AS minute, m.metric, sum(m.value) AS value
                    FROM inserted i
                    CROSS JOIN LATERAL %s m
                    GROUP BY 1, 2, 3
                ), contributions AS (
                    SELECT p.store_id, p.metric, b.bucket, b.bucket_start, b.local_day, sum(p.value) AS value
                    FROM per_minute p
                    -- LEFT JOIN: a store deleted meanwhile must reach the rollups' foreign key and fail the statement.
                    LEFT JOIN stores s ON s.id = p.store_id
                    CROSS JOIN LATERAL event_buckets(p.minute, coalesce(s.timezone, 'UTC')) b
                    GROUP BY 1, 2, 3, 4, 5
                ), upserted AS (
                    -- In key order, so that concurrent statements lock shared rollup rows in the same order.
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
                """.formatted(metricsCall);
    }

    /**
     * Recomputes rollups from one raw event table; {@code $1} store (or null), {@code $2}/{@code $3} first and
     * last store-local day (or null). The same bucket and metric functions as the ingest statement.
     */
    public static String rebuild(String eventTable, String metricsCall) {
        return """
                INSERT INTO rollups (store_id, metric, bucket, bucket_start, local_day, value)
                SELECT p.store_id, p.metric, b.bucket, b.bucket_start, b.local_day, sum(p.value)
                FROM (
                    SELECT i.store_id, s.timezone, date_trunc('minute', i.occurred_at) AS minute, m.metric, sum(m.value) AS value
                    FROM %s i
                    JOIN stores s ON s.id = i.store_id
                    CROSS JOIN LATERAL %s m
                    WHERE ($1::text IS NULL OR i.store_id = $1)
                      -- A store-local day lies within the UTC days before and after it (offsets are at most
                      -- 14 hours): these bounds let PostgreSQL scan only the months of the days asked for.
                      AND ($2::date IS NULL OR i.occurred_at >= ($2::date - 1)::timestamp AT TIME ZONE 'UTC')
                      AND ($3::date IS NULL OR i.occurred_at < ($3::date + 2)::timestamp AT TIME ZONE 'UTC')
                      AND ($2::date IS NULL OR (i.occurred_at AT TIME ZONE s.timezone)::date >= $2)
                      AND ($3::date IS NULL OR (i.occurred_at AT TIME ZONE s.timezone)::date <= $3)
                    GROUP BY 1, 2, 3, 4
                ) p
                CROSS JOIN LATERAL event_buckets(p.minute, p.timezone) b
                GROUP BY 1, 2, 3, 4, 5
                """.formatted(eventTable, metricsCall);
    }
}

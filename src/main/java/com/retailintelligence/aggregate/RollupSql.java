package com.retailintelligence.aggregate;

/**
 * Builds an event type's ingest statement: its own CTE {@code inserted} (insert the batch, skip duplicates,
 * return the new rows), then the part common to all types: sum the new rows' metrics per store and minute,
 * spread the sums over the minute, hour and day buckets of the store's time zone, add them to the rollups,
 * and return both the inserted events ('e' rows) and the rollups' new absolute values ('r' rows).
 * <p>
 * The buckets are those of {@code event_buckets} (migration V2, which rebuilds still call), computed once per
 * store-minute instead of once per store-minute-metric: a batch spread over many minutes (history) would otherwise
 * repeat the time zone arithmetic for every metric of every minute. {@code AggregateBucketsTest} holds the two equal.
 * {@code updated_at} is kept to the second: a rollup updated again within the same second then keeps every
 * indexed column as it was, so PostgreSQL updates it in place (HOT, no index entries), and the sync's 30-second
 * overlap covers the truncation.
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
                ), minutes AS (
                    -- Each store-minute once, with its local time: the time zone arithmetic runs once per minute.
                    SELECT p.store_id, p.minute, coalesce(s.timezone, 'UTC') AS tz, p.minute AT TIME ZONE coalesce(s.timezone, 'UTC') AS local
                    FROM (SELECT DISTINCT store_id, minute FROM per_minute) p
                    -- LEFT JOIN: a store deleted meanwhile must reach the rollups' foreign key and fail the statement.
                    LEFT JOIN stores s ON s.id = p.store_id
                ), local_minutes AS (
                    SELECT p.store_id, p.metric, p.value, m.tz, m.local, p.minute
                    FROM per_minute p JOIN minutes m ON m.store_id = p.store_id AND m.minute = p.minute
                ), contributions AS (
                    -- event_buckets(minute, tz) of each minute. Distinct minutes of a store fall in distinct minute
                    -- buckets (a bucket starts less than a minute before its minute), so those need no grouping.
                    SELECT store_id, metric, 'minute' AS bucket, minute - (local - date_trunc('minute', local)) AS bucket_start,
                           local::date AS local_day, value
                    FROM local_minutes
                    UNION ALL
                    SELECT store_id, metric, 'hour', minute - (local - date_trunc('hour', local)), local::date, sum(value)
                    FROM local_minutes
                    GROUP BY 1, 2, 3, 4, 5
                    UNION ALL
                    SELECT store_id, metric, 'day', day AT TIME ZONE tz, day::date, value
                    FROM (SELECT store_id, metric, tz, date_trunc('day', local) AS day, sum(value) AS value
                          FROM local_minutes GROUP BY 1, 2, 3, 4) d
                ), upserted AS (
                    -- In key order, so that concurrent statements lock shared rollup rows in the same order.
                    INSERT INTO rollups AS r (store_id, metric, bucket, bucket_start, local_day, value, updated_at)
                    SELECT *, date_trunc('second', now()) FROM contributions ORDER BY store_id, metric, bucket, bucket_start
                    ON CONFLICT (store_id, metric, bucket, bucket_start)
                    DO UPDATE SET value = r.value + excluded.value, updated_at = excluded.updated_at
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

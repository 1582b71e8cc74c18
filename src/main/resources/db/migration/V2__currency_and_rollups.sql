-- Stores record sales in one currency; rollups are the exact, transactional aggregates that Redis mirrors.

ALTER TABLE stores ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$');

-- One row per store, metric and time bucket (minute, hour or the whole local day), updated in the same
-- statement that inserts the events, so every accepted event is counted exactly once here.
-- bucket_start is the instant the store-local bucket starts; local_day is the store-local date.
CREATE TABLE rollups (
    store_id     text        NOT NULL REFERENCES stores (id) ON DELETE RESTRICT,
    metric       text        NOT NULL,
    bucket       text        NOT NULL CHECK (bucket IN ('minute', 'hour', 'day')),
    bucket_start timestamptz NOT NULL,
    local_day    date        NOT NULL,
    value        bigint      NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, metric, bucket, bucket_start)
);
CREATE INDEX rollups_updated_at ON rollups (updated_at);
CREATE INDEX rollups_store_day ON rollups (store_id, local_day);

-- The minute, hour and day buckets an instant falls in, in the store's time zone. Hour and minute buckets
-- start at the instant the local hour/minute began (so the repeated hour of a DST fall-back stays two
-- buckets); the day bucket starts at local midnight.
CREATE FUNCTION event_buckets(at timestamptz, tz text)
    RETURNS TABLE (bucket text, bucket_start timestamptz, local_day date)
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT b.bucket, b.bucket_start, (at AT TIME ZONE tz)::date
    FROM (VALUES
        ('minute', at - ((at AT TIME ZONE tz) - date_trunc('minute', at AT TIME ZONE tz))),
        ('hour',   at - ((at AT TIME ZONE tz) - date_trunc('hour', at AT TIME ZONE tz))),
        ('day',    date_trunc('day', at AT TIME ZONE tz) AT TIME ZONE tz)
    ) AS b (bucket, bucket_start)
$$;

-- What one event adds to each metric: the single definition used by ingest and by rebuilds.
CREATE FUNCTION traffic_metrics(in_count bigint, out_count bigint)
    RETURNS TABLE (metric text, value bigint)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES ('visitors', in_count), ('exits', out_count)
$$;

-- Refunds are kept apart from gross sales so that every metric only grows; revenue = gross - refunds.
CREATE FUNCTION sale_metrics(kind text, amount_minor bigint, items integer)
    RETURNS TABLE (metric text, value bigint)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    VALUES
        ('transactions', CASE WHEN kind = 'sale' THEN 1 ELSE 0 END::bigint),
        ('gross',        CASE WHEN kind = 'sale' THEN amount_minor ELSE 0 END),
        ('refunds',      CASE WHEN kind = 'refund' THEN amount_minor ELSE 0 END),
        ('refund_count', CASE WHEN kind = 'refund' THEN 1 ELSE 0 END::bigint),
        ('items',        CASE WHEN kind = 'sale' THEN coalesce(items, 0) ELSE 0 END::bigint)
$$;

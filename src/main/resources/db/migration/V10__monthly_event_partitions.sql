-- Raw events become monthly range partitions on occurred_at (UTC months), so that old months can be dropped
-- whole and reads of a period scan only its months (docs/partitioning.md). Data is kept: the old tables are
-- renamed, the partitioned parents created, the rows copied, the old tables dropped.
--
-- A unique constraint on a partitioned table must include the partition key, so the ingest's dedupe on
-- (store_id, event_id) moves to small id tables written by the same statement as the events (TrafficEvents,
-- SaleEvents): an id inserted there (ON CONFLICT DO NOTHING) is what lets its event in.

ALTER TABLE traffic_events RENAME TO traffic_events_unpartitioned;
ALTER TABLE sales_events RENAME TO sales_events_unpartitioned;

CREATE TABLE traffic_events (
    store_id    text        NOT NULL,
    event_id    text        NOT NULL,
    sensor_id   text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    in_count    integer     NOT NULL CHECK (in_count >= 0),
    out_count   integer     NOT NULL CHECK (out_count >= 0),
    received_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (occurred_at);

CREATE TABLE sales_events (
    store_id     text        NOT NULL,
    event_id     text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    amount_minor bigint      NOT NULL CHECK (amount_minor >= 0),
    currency     char(3)     NOT NULL,
    items        integer     CHECK (items >= 0),
    kind         text        NOT NULL CHECK (kind IN ('sale', 'refund')),
    received_at  timestamptz NOT NULL DEFAULT now()
) PARTITION BY RANGE (occurred_at);

-- A store's events of a period (rebuild from raw events, store deletion, "has data" checks). It replaces the
-- old primary key's index, so the ingest maintains one index per event as before.
CREATE INDEX traffic_events_store_time ON traffic_events (store_id, occurred_at);
CREATE INDEX sales_events_store_time ON sales_events (store_id, occurred_at);

-- Events outside every monthly partition land here instead of failing the batch; maintenance moves nothing
-- out of it, it only reports its rows (docs/partitioning.md, "DEFAULT partition").
CREATE TABLE traffic_events_default PARTITION OF traffic_events DEFAULT;
CREATE TABLE sales_events_default PARTITION OF sales_events DEFAULT;

-- The dedupe keys, with the event time so that the ids of a dropped month can be deleted with it.
CREATE TABLE traffic_event_ids (
    store_id    text        NOT NULL,
    event_id    text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (store_id, event_id)
);
CREATE TABLE sales_event_ids (
    store_id    text        NOT NULL,
    event_id    text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (store_id, event_id)
);
CREATE INDEX traffic_event_ids_time ON traffic_event_ids (occurred_at);
CREATE INDEX sales_event_ids_time ON sales_event_ids (occurred_at);

-- Creates the monthly partitions (UTC months) of both event tables from the month of from_month through
-- months_ahead months after it; idempotent (IF NOT EXISTS). A month whose rows already sit in the DEFAULT
-- partition cannot get its partition (PostgreSQL refuses); it is skipped with a warning and its rows stay in
-- DEFAULT. Returns how many partitions were created; -1 when another session holds the maintenance lock.
CREATE FUNCTION retail_create_event_partitions(from_month timestamptz, months_ahead integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog SET TimeZone = 'UTC' AS $$
DECLARE
    created integer := 0;
    month_start timestamptz;
    tbl text;
    part text;
BEGIN
    IF months_ahead IS NULL OR months_ahead < 0 OR months_ahead > 1200 THEN
        RAISE EXCEPTION 'months_ahead must be between 0 and 1200, not %', months_ahead USING ERRCODE = '22023';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('retail_event_partitions')) THEN
        RETURN -1;
    END IF;
    FOR month_start IN SELECT generate_series(date_trunc('month', from_month),
                                              date_trunc('month', from_month) + make_interval(months => months_ahead),
                                              interval '1 month')
    LOOP
        FOREACH tbl IN ARRAY ARRAY['traffic_events', 'sales_events'] LOOP
            part := tbl || '_p' || to_char(month_start, 'YYYY_MM');
            IF to_regclass(part) IS NULL THEN
                BEGIN
                    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, tbl,
                                   month_start, month_start + interval '1 month');
                    created := created + 1;
                EXCEPTION WHEN check_violation THEN
                    RAISE WARNING 'partition % not created: rows of that month are in %_default (%)', part, tbl, SQLERRM;
                END;
            END IF;
        END LOOP;
    END LOOP;
    RETURN created;
END
$$;

-- Drops the monthly partitions of both event tables that end at or before cutoff, with the dedupe ids of that
-- period (an event id retried after its month was dropped is stored again). Rollups are not touched. The
-- DEFAULT partition is never dropped. Returns the dropped partitions' names; NULL when another session holds
-- the maintenance lock.
CREATE FUNCTION retail_drop_event_partitions_before(cutoff timestamptz) RETURNS text[]
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog SET TimeZone = 'UTC' AS $$
DECLARE
    dropped text[] := ARRAY[]::text[];
    r record;
BEGIN
    IF cutoff IS NULL THEN
        RAISE EXCEPTION 'cutoff must not be null' USING ERRCODE = '22023';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('retail_event_partitions')) THEN
        RETURN NULL;
    END IF;
    FOR r IN
        SELECT c.relname, (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz AS upper_bound
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent IN ('traffic_events'::regclass, 'sales_events'::regclass)
          AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'
    LOOP
        IF r.upper_bound <= cutoff THEN
            EXECUTE format('DROP TABLE %I', r.relname);
            dropped := dropped || r.relname::text;
        END IF;
    END LOOP;
    -- Ids of events older than every kept partition; events in DEFAULT keep theirs.
    DELETE FROM traffic_event_ids d WHERE d.occurred_at < cutoff
        AND NOT EXISTS (SELECT 1 FROM traffic_events_default t WHERE t.store_id = d.store_id AND t.event_id = d.event_id);
    DELETE FROM sales_event_ids d WHERE d.occurred_at < cutoff
        AND NOT EXISTS (SELECT 1 FROM sales_events_default s WHERE s.store_id = d.store_id AND s.event_id = d.event_id);
    RETURN dropped;
END
$$;

-- Deletes minute rollups that start before cutoff (hour and day rollups stay). Returns the rows deleted.
CREATE FUNCTION retail_delete_minute_rollups_before(cutoff timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
DECLARE
    deleted bigint;
BEGIN
    IF cutoff IS NULL THEN
        RAISE EXCEPTION 'cutoff must not be null' USING ERRCODE = '22023';
    END IF;
    DELETE FROM rollups WHERE bucket = 'minute' AND bucket_start < cutoff;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END
$$;

-- The rows in the DEFAULT partitions (events outside every monthly partition), for maintenance to report.
CREATE FUNCTION retail_default_partition_rows() RETURNS TABLE (table_name text, row_count bigint)
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
    SELECT 'traffic_events', count(*) FROM traffic_events_default
    UNION ALL
    SELECT 'sales_events', count(*) FROM sales_events_default
$$;

-- Partitions for every month of the existing data, and this month plus the next 3.
DO $$
DECLARE
    lo timestamptz;
    hi timestamptz;
BEGIN
    SET LOCAL TimeZone = 'UTC';
    SELECT date_trunc('month', least(now(), (SELECT min(occurred_at) FROM traffic_events_unpartitioned),
                                     (SELECT min(occurred_at) FROM sales_events_unpartitioned))),
           date_trunc('month', greatest(now() + interval '3 months', (SELECT max(occurred_at) FROM traffic_events_unpartitioned),
                                        (SELECT max(occurred_at) FROM sales_events_unpartitioned)))
        INTO lo, hi;
    PERFORM retail_create_event_partitions(lo,
        ((extract(year FROM hi) - extract(year FROM lo)) * 12 + extract(month FROM hi) - extract(month FROM lo))::integer);
END
$$;

INSERT INTO traffic_events SELECT store_id, event_id, sensor_id, occurred_at, in_count, out_count, received_at
    FROM traffic_events_unpartitioned;
INSERT INTO sales_events SELECT store_id, event_id, occurred_at, amount_minor, currency, items, kind, received_at
    FROM sales_events_unpartitioned;
INSERT INTO traffic_event_ids SELECT store_id, event_id, occurred_at FROM traffic_events_unpartitioned;
INSERT INTO sales_event_ids SELECT store_id, event_id, occurred_at FROM sales_events_unpartitioned;

DROP TABLE traffic_events_unpartitioned;
DROP TABLE sales_events_unpartitioned;

-- Grants: through the parents only (privileges on a partitioned table are checked on it, not its partitions;
-- the service has none on the partitions themselves, so it cannot bypass the parents' policies).
GRANT SELECT, INSERT, UPDATE, DELETE ON traffic_events, sales_events TO retail_app;
GRANT SELECT, INSERT, DELETE ON traffic_event_ids, sales_event_ids TO retail_app;

-- Row-level security as in V5, on the parents (applied to every query through them) and on the id tables.
-- FORCE: the owner is held to the policies too; it has none, so only the SECURITY DEFINER maintenance
-- functions above touch rows as the owner, and they drop partitions or delete ids, which FORCE does not limit
-- for a superuser owner; a non-superuser owner gets its own policy on the id tables below.
ALTER TABLE traffic_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE traffic_events FORCE ROW LEVEL SECURITY;
ALTER TABLE sales_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE sales_events FORCE ROW LEVEL SECURITY;
ALTER TABLE traffic_event_ids ENABLE ROW LEVEL SECURITY;
ALTER TABLE traffic_event_ids FORCE ROW LEVEL SECURITY;
ALTER TABLE sales_event_ids ENABLE ROW LEVEL SECURITY;
ALTER TABLE sales_event_ids FORCE ROW LEVEL SECURITY;

CREATE POLICY traffic_in_scope ON traffic_events TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));
CREATE POLICY sales_in_scope ON sales_events TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));
CREATE POLICY traffic_ids_in_scope ON traffic_event_ids TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));
CREATE POLICY sales_ids_in_scope ON sales_event_ids TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));
DO $$
BEGIN
    EXECUTE format('CREATE POLICY traffic_ids_maintenance ON traffic_event_ids TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY sales_ids_maintenance ON sales_event_ids TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY traffic_maintenance ON traffic_events FOR SELECT TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY sales_maintenance ON sales_events FOR SELECT TO %I USING (true)', current_user);
END
$$;

-- Maintenance runs as the service through these functions only; never DDL rights for the service.
REVOKE ALL ON FUNCTION retail_create_event_partitions(timestamptz, integer), retail_drop_event_partitions_before(timestamptz),
    retail_delete_minute_rollups_before(timestamptz), retail_default_partition_rows() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION retail_create_event_partitions(timestamptz, integer), retail_drop_event_partitions_before(timestamptz),
    retail_delete_minute_rollups_before(timestamptz), retail_default_partition_rows() TO retail_app;

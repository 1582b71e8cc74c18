#!/usr/bin/env bash
# Sizes of the raw-event partitions, dedupe id tables and rollups for about a month of one store's events
# (docs/partitioning.md, "Sizes"). Creates its own scratch database, applies the migrations with psql, inserts
# 30 days of events straight in SQL (what the ingest statement stores), measures, and drops the database.
# Usage: scripts/partition-sizes.sh   (PGHOST/PGUSER as for psql; default 127.0.0.1 / postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
DB=partition_sizes_$$
psql -qd postgres -c "CREATE DATABASE $DB"
trap 'psql -qd postgres -c "DROP DATABASE IF EXISTS $DB"' EXIT
for f in $(ls src/main/resources/db/migration/V*__*.sql | sort -V); do
    psql -qd "$DB" -v ON_ERROR_STOP=1 -f "$f" > /dev/null
done
psql -qd "$DB" -v ON_ERROR_STOP=1 <<'SQL'
\timing off
INSERT INTO stores (id, name, timezone, currency) VALUES ('store-0001', 'Sizing store', 'Europe/Lisbon', 'EUR');
-- The month before this one, 30 days: partitions for it first (as maintenance or the migration would).
SELECT retail_create_event_partitions(date_trunc('month', now()) - interval '1 month', 0);
-- 2 sensors, one reading each per 15 s over 12 opening hours (08:00-20:00 UTC): 5,760 readings a day.
CREATE TEMP TABLE t AS
SELECT 'store-0001'::text AS store_id, 'door-' || s || '-' || md5(ts::text || s) AS event_id, 'door-' || s AS sensor_id,
       ts AS occurred_at, (random() * 3)::int AS in_count, (random() * 3)::int AS out_count
FROM generate_series(0, 29) d,
     generate_series(1, 2) s,
     generate_series(date_trunc('month', now()) - interval '1 month' + make_interval(days => d) + interval '8 hours',
                     date_trunc('month', now()) - interval '1 month' + make_interval(days => d) + interval '20 hours' - interval '15 seconds',
                     interval '15 seconds') ts;
INSERT INTO traffic_events (store_id, event_id, sensor_id, occurred_at, in_count, out_count) SELECT * FROM t;
INSERT INTO traffic_event_ids SELECT store_id, event_id, occurred_at FROM t;
-- ~400 sales a day at random times in opening hours, 1 in 25 a refund.
CREATE TEMP TABLE s AS
SELECT 'store-0001'::text AS store_id, 'pos-' || md5(d::text || '-' || n) AS event_id,
       date_trunc('month', now()) - interval '1 month' + make_interval(days => d) + interval '8 hours' + random() * interval '12 hours' AS occurred_at,
       (100 + random() * 9900)::bigint AS amount_minor, 'EUR' AS currency, (1 + random() * 5)::int AS items,
       CASE WHEN n % 25 = 0 THEN 'refund' ELSE 'sale' END AS kind
FROM generate_series(0, 29) d, generate_series(1, 400) n;
INSERT INTO sales_events (store_id, event_id, occurred_at, amount_minor, currency, items, kind) SELECT * FROM s;
INSERT INTO sales_event_ids SELECT store_id, event_id, occurred_at FROM s;
SQL
# The rollups of that month, as the ingest would have made them (the rebuild statement, same functions).
psql -qd "$DB" -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO rollups (store_id, metric, bucket, bucket_start, local_day, value)
SELECT p.store_id, p.metric, b.bucket, b.bucket_start, b.local_day, sum(p.value)
FROM (SELECT i.store_id, s.timezone, date_trunc('minute', i.occurred_at) AS minute, m.metric, sum(m.value) AS value
      FROM traffic_events i JOIN stores s ON s.id = i.store_id CROSS JOIN LATERAL traffic_metrics(i.in_count, i.out_count) m
      GROUP BY 1, 2, 3, 4) p
CROSS JOIN LATERAL event_buckets(p.minute, p.timezone) b GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (store_id, metric, bucket, bucket_start) DO UPDATE SET value = rollups.value + excluded.value;
INSERT INTO rollups (store_id, metric, bucket, bucket_start, local_day, value)
SELECT p.store_id, p.metric, b.bucket, b.bucket_start, b.local_day, sum(p.value)
FROM (SELECT i.store_id, s.timezone, date_trunc('minute', i.occurred_at) AS minute, m.metric, sum(m.value) AS value
      FROM sales_events i JOIN stores s ON s.id = i.store_id CROSS JOIN LATERAL sale_metrics(i.kind, i.amount_minor, i.items) m
      GROUP BY 1, 2, 3, 4) p
CROSS JOIN LATERAL event_buckets(p.minute, p.timezone) b GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (store_id, metric, bucket, bucket_start) DO UPDATE SET value = rollups.value + excluded.value;
VACUUM ANALYZE;
\echo '--- rows'
SELECT 'traffic_events' AS relation, count(*) FROM traffic_events UNION ALL SELECT 'sales_events', count(*) FROM sales_events
UNION ALL SELECT 'rollups', count(*) FROM rollups;
\echo '--- sizes of the month (bytes; table = heap + toast, indexes separately), and x12 extrapolated to a store-year'
WITH parts AS (
    SELECT c.oid, c.relname, coalesce(p.relname, c.relname) AS logical
    FROM pg_class c LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent
    WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
      AND coalesce(p.relname, c.relname) IN ('traffic_events', 'sales_events', 'traffic_event_ids', 'sales_event_ids', 'rollups')
)
SELECT logical AS relation, pg_size_pretty(sum(pg_table_size(oid))) AS table_month,
       pg_size_pretty(sum(pg_indexes_size(oid))) AS indexes_month,
       pg_size_pretty(sum(pg_total_relation_size(oid))) AS total_month,
       pg_size_pretty(12 * sum(pg_total_relation_size(oid))) AS total_year_extrapolated
FROM parts GROUP BY logical
UNION ALL
SELECT 'ALL', '', '', pg_size_pretty(sum(pg_total_relation_size(oid))), pg_size_pretty(12 * sum(pg_total_relation_size(oid))) FROM parts
ORDER BY 1;
\echo '--- EXPLAIN of a store-day read by the rebuild (day 15 of last month), custom plan'
PREPARE day_read(text, date, date) AS
SELECT count(*) FROM traffic_events i JOIN stores s ON s.id = i.store_id
WHERE ($1::text IS NULL OR i.store_id = $1)
  AND ($2::date IS NULL OR i.occurred_at >= ($2::date - 1)::timestamp AT TIME ZONE 'UTC')
  AND ($3::date IS NULL OR i.occurred_at < ($3::date + 2)::timestamp AT TIME ZONE 'UTC')
  AND ($2::date IS NULL OR (i.occurred_at AT TIME ZONE s.timezone)::date >= $2)
  AND ($3::date IS NULL OR (i.occurred_at AT TIME ZONE s.timezone)::date <= $3);
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
EXECUTE day_read('store-0001', (date_trunc('month', now()) - interval '1 month' + interval '14 days')::date,
                 (date_trunc('month', now()) - interval '1 month' + interval '14 days')::date);
\echo '--- the same with a generic plan (as a prepared statement may get after 5 runs): pruned at executor start-up'
SET plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
EXECUTE day_read('store-0001', (date_trunc('month', now()) - interval '1 month' + interval '14 days')::date,
                 (date_trunc('month', now()) - interval '1 month' + interval '14 days')::date);
SQL

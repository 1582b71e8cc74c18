-- Totals are kept exactly everywhere they go: Redis sorted-set scores and JSON numbers in browsers are IEEE
-- doubles, exact up to 2^53 - 1. A statement that would take a rollup beyond that fails whole (SQLSTATE 23514),
-- and the ingest answers 400 for its batch; nothing is stored (docs/ingest.md, "Limits").
ALTER TABLE rollups ADD CONSTRAINT rollups_value_exact CHECK (value >= 0 AND value <= 9007199254740991);

-- Repeated denials (anonymous 401s, throttled logins, ...) are folded: one row per source, kind and minute, with
-- how many it stands for (docs/security.md, "Audit log"). Every other row stands for one.
ALTER TABLE audit_log ADD COLUMN occurrences integer NOT NULL DEFAULT 1 CHECK (occurrences >= 1);

-- Imports of history (docs/legacy-import.md): one row per run, through the REST API or the import command. Its
-- counters are written as it goes, so any replica answers GET /api/v1/imports/{id}. Admin-only and not a store's
-- data (an import may span stores), so no row-level security: the resource allows administrators only.
CREATE TABLE imports (
    id          uuid PRIMARY KEY,
    source      text NOT NULL,                  -- the file's name as given or uploaded
    format      text NOT NULL CHECK (format IN ('sqlite', 'csv')),
    kind        text CHECK (kind IN ('traffic', 'sales')),  -- CSV only
    status      text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    started_by  text NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    total_rows  bigint,                         -- null while unknown (a CSV is not counted first)
    read_rows   bigint NOT NULL DEFAULT 0,
    imported    bigint NOT NULL DEFAULT 0,
    duplicates  bigint NOT NULL DEFAULT 0,
    rejected    bigint NOT NULL DEFAULT 0,
    detail      text                            -- the summary, or why it failed
);
CREATE INDEX imports_started_at ON imports (started_at DESC);

-- Every refused row, in the order found: which file, which row, and why. A CSV row is named by its line (the
-- header is line 1); a SQLite row by its table (file "old-bot.db:counts") and its rowid.
CREATE TABLE import_rejections (
    import_id  uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    seq        integer NOT NULL,
    file       text NOT NULL,
    row_number bigint NOT NULL,
    reason     text NOT NULL,
    PRIMARY KEY (import_id, seq)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON imports, import_rejections TO retail_app;

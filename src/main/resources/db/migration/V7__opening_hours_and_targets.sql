-- A store's opening hours and daily targets, per ISO weekday (1 = Monday … 7 = Sunday), in the store's local time
-- (docs/analytics.md). A weekday without a row has no opening hours set (open all day for the figures) or no target.

CREATE TABLE store_opening_hours (
    store_id text     NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    weekday  smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    -- Both null: closed that day. closes may be 24:00 (open until midnight).
    opens    time,
    closes   time,
    CHECK ((opens IS NULL) = (closes IS NULL) AND (opens IS NULL OR opens < closes)),
    PRIMARY KEY (store_id, weekday)
);

CREATE TABLE store_targets (
    store_id        text         NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    weekday         smallint     NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    visitors        bigint       CHECK (visitors >= 0 AND visitors <= 9007199254740991),
    revenue_minor   bigint       CHECK (revenue_minor >= 0 AND revenue_minor <= 9007199254740991),
    conversion_rate numeric(5,4) CHECK (conversion_rate >= 0 AND conversion_rate <= 1),
    PRIMARY KEY (store_id, weekday)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON store_opening_hours, store_targets TO retail_app;

ALTER TABLE store_opening_hours ENABLE ROW LEVEL SECURITY;
ALTER TABLE store_targets ENABLE ROW LEVEL SECURITY;

CREATE POLICY opening_hours_in_scope ON store_opening_hours TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));
CREATE POLICY targets_in_scope ON store_targets TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));

-- The analytics read day totals over long ranges and hour rollups of a few days: without these, each read would
-- walk every minute row of its days (1,440 per metric and day).
CREATE INDEX rollups_day_totals ON rollups (store_id, local_day) WHERE bucket = 'day';
CREATE INDEX rollups_hours ON rollups (store_id, local_day) WHERE bucket = 'hour';

-- Stores, password users and the raw event tables that are the source of truth for every figure.

CREATE TABLE stores (
    id         text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    timezone   text        NOT NULL,
    capacity   integer     CHECK (capacity > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- People-counter readings: in/out at a door over a short interval. (store_id, event_id) makes retries idempotent.
-- No index on time: every figure is read from the rollups, so each extra index would only slow ingest.
-- No foreign key either: a per-row check locks the store row once per event (measured: a quarter of the
-- insert's cost). The store is checked once per statement instead, by the rollups' foreign key (the same
-- statement inserts both, so an event of a deleted store is never stored), and deleting a store locks it
-- first (StoreRepository).
CREATE TABLE traffic_events (
    store_id    text        NOT NULL,
    event_id    text        NOT NULL,
    sensor_id   text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    in_count    integer     NOT NULL CHECK (in_count >= 0),
    out_count   integer     NOT NULL CHECK (out_count >= 0),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, event_id)
);

-- POS transactions; amounts in minor units (cents) to stay exact.
CREATE TABLE sales_events (
    store_id     text        NOT NULL,
    event_id     text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    amount_minor bigint      NOT NULL CHECK (amount_minor >= 0),
    currency     char(3)     NOT NULL,
    items        integer     CHECK (items >= 0),
    kind         text        NOT NULL CHECK (kind IN ('sale', 'refund')),
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_id, event_id)
);

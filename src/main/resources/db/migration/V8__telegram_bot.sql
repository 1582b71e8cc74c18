-- The Telegram bot (docs/telegram.md): updates received on the webhook, chats linked to users, link codes,
-- the outbox of messages to send, and each chat's alerts and daily subscriptions per store.

-- Every update is stored before the webhook answers 200, keyed by Telegram's update_id: a re-sent update (or one
-- two replicas both received) is stored once. processed_at is set in the transaction that acts on it.
CREATE TABLE telegram_updates (
    update_id    bigint      PRIMARY KEY,
    -- The chat the update belongs to (updates of one chat are processed in order); 0 when it has none.
    chat_id      bigint      NOT NULL,
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz
);
CREATE INDEX telegram_updates_pending ON telegram_updates (chat_id, update_id) WHERE processed_at IS NULL;

-- A chat bound to a user: it acts with that user's roles and stores, read afresh on every update.
CREATE TABLE telegram_chats (
    chat_id       bigint      PRIMARY KEY,
    username      text        NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    -- 'link' (the /link command), 'registered' (POST /api/v1/telegram/chats, the legacy path).
    linked_by     text        NOT NULL CHECK (linked_by IN ('link', 'registered')),
    linked_at     timestamptz NOT NULL DEFAULT now(),
    -- The store commands without a store argument act on (/stores picks it).
    current_store text        REFERENCES stores (id) ON DELETE SET NULL,
    -- Set when Telegram answered 403 (the user blocked the bot): nothing more is sent until the chat writes again.
    inactive_at   timestamptz
);
CREATE INDEX telegram_chats_by_user ON telegram_chats (username);

-- Single-use link codes, valid 10 minutes.
CREATE TABLE telegram_link_codes (
    code       text        PRIMARY KEY,
    username   text        NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    used_by    bigint
);

-- Messages waiting to be sent (sendMessage, sendPhoto, answerCallbackQuery …), in order per chat; they survive
-- restarts. A row is claimed by one replica at a time (claimed_until), sent, then marked sent or failed.
CREATE TABLE telegram_outbox (
    id              bigserial   PRIMARY KEY,
    chat_id         bigint      NOT NULL,
    method          text        NOT NULL,
    params          jsonb       NOT NULL,
    -- The PNG of a sendPhoto, sent as multipart.
    photo           bytea,
    -- Counted against the chat's and the bot's message limits (answerCallbackQuery is not).
    limited         boolean     NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    claimed_until   timestamptz,
    sent_at         timestamptz,
    failed_at       timestamptz,
    failure         text
);
CREATE INDEX telegram_outbox_pending ON telegram_outbox (chat_id, id) WHERE sent_at IS NULL AND failed_at IS NULL;

-- The stores whose alerts a chat receives (/alerts on|off).
CREATE TABLE telegram_alert_chats (
    chat_id  bigint NOT NULL REFERENCES telegram_chats (chat_id) ON DELETE CASCADE,
    store_id text   NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, store_id)
);

-- Daily reports: at a store-local time, once a day (last_sent_on guards against a second replica and restarts).
CREATE TABLE telegram_subscriptions (
    chat_id      bigint NOT NULL REFERENCES telegram_chats (chat_id) ON DELETE CASCADE,
    store_id     text   NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    local_time   time   NOT NULL,
    last_sent_on date,
    PRIMARY KEY (chat_id, store_id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON telegram_updates, telegram_chats, telegram_link_codes, telegram_outbox,
    telegram_alert_chats, telegram_subscriptions TO retail_app;
GRANT USAGE ON SEQUENCE telegram_outbox_id_seq TO retail_app;

-- The per-store rows are under the same store scope as the store tables (the second lock).
ALTER TABLE telegram_alert_chats ENABLE ROW LEVEL SECURITY;
ALTER TABLE telegram_subscriptions ENABLE ROW LEVEL SECURITY;
CREATE POLICY telegram_alerts_in_scope ON telegram_alert_chats TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));
CREATE POLICY telegram_subscriptions_in_scope ON telegram_subscriptions TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));

-- The access model (docs/security.md): disabled users, refresh tokens, API keys and the audit log.

ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Refresh tokens: only a SHA-256 of the random token is kept. Rotated on every use (the used one is revoked).
CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    token_hash bytea       NOT NULL UNIQUE,
    username   text        NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_user ON refresh_tokens (username);

-- API keys for integrations, devices and displays. The key is shown once; kept are its visible prefix
-- (unique, used to find it) and a SHA-256 of the whole key (the random part has 190 bits: no slow hash needed).
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix       text        NOT NULL UNIQUE,
    key_hash     bytea       NOT NULL,
    roles        text[]      NOT NULL,
    stores       text[]      NOT NULL,
    expires_at   timestamptz,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Who did what, through which interface, when. Append-only: see the trigger below and the grants in V5.
CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor      text        NOT NULL,
    interface  text        NOT NULL CHECK (interface IN ('rest', 'websocket', 'telegram', 'system')),
    action     text        NOT NULL,
    target     text,
    result     text        NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
    request_id text,
    detail     text
);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

-- Even the table's owner cannot change history through the service's statements.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- The service's database role and row-level security (docs/security.md, "Row-level security").
--
-- The service connects as a login role that is a member of retail_app (DATABASE_URL): not the tables' owner,
-- not a superuser, no BYPASSRLS. Migrations run as the owner (DATABASE_MIGRATION_URL). retail_app is created
-- here when missing, which needs CREATEROLE; on a managed PostgreSQL where the migrating user lacks it, an
-- administrator creates it first (CREATE ROLE retail_app NOLOGIN) and this step leaves it be.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'retail_app') THEN
        CREATE ROLE retail_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO retail_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON stores, traffic_events, sales_events, rollups TO retail_app;
GRANT SELECT, INSERT, UPDATE ON users, refresh_tokens, api_keys TO retail_app;
-- The audit log is append-only for the service: it may add and read, never change or remove.
GRANT SELECT, INSERT ON audit_log TO retail_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM retail_app;

-- The store scope of the current transaction, set by the service with set_config('retail.store_scope', …, true):
-- '*' = every store, otherwise store ids separated by commas. Unset or empty: no store at all.
CREATE FUNCTION retail_store_visible(store text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE coalesce(current_setting('retail.store_scope', true), '')
               WHEN '' THEN false
               WHEN '*' THEN true
               ELSE store = ANY (string_to_array(current_setting('retail.store_scope', true), ','))
           END
$$;

ALTER TABLE stores ENABLE ROW LEVEL SECURITY;
ALTER TABLE traffic_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE sales_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE rollups ENABLE ROW LEVEL SECURITY;

CREATE POLICY stores_in_scope ON stores TO retail_app
    USING (retail_store_visible(id)) WITH CHECK (retail_store_visible(id));
CREATE POLICY traffic_in_scope ON traffic_events TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));
CREATE POLICY sales_in_scope ON sales_events TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));
CREATE POLICY rollups_in_scope ON rollups TO retail_app
    USING (retail_store_visible(store_id)) WITH CHECK (retail_store_visible(store_id));

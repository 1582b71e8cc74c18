-- Database roles for running Retail Intelligence (docs/security.md, "Row-level security").
-- Run once per PostgreSQL cluster as a superuser or a role with CREATEROLE, before the first start:
--   psql -v ON_ERROR_STOP=1 -f scripts/create-db-roles.sql
-- retail_app owns nothing and bypasses nothing; migration V5 grants it what the service needs and creates
-- it itself if missing. retail_service is the login the service uses (DATABASE_URL); give it a password
-- (ALTER ROLE retail_service PASSWORD '…') wherever connections are not trusted. The tables' owner (the
-- user of DATABASE_MIGRATION_URL) runs the migrations.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'retail_app') THEN
        CREATE ROLE retail_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'retail_service') THEN
        CREATE ROLE retail_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    END IF;
END
$$;
GRANT retail_app TO retail_service;

#!/usr/bin/env bash
# Runs Retail Intelligence locally (Quarkus dev mode on http://localhost:8080): creates its PostgreSQL
# database and database roles first when they are missing. Settings come from the environment (see README).
# The service connects as the unprivileged role retail_service (row-level security applies to it); the
# migrations run as the database's owner, postgres (DATABASE_MIGRATION_URL).
set -euo pipefail
cd "$(dirname "$0")"

export DATABASE_MIGRATION_URL="${DATABASE_MIGRATION_URL:-postgresql://postgres@127.0.0.1:5432/retail}"
export DATABASE_URL="${DATABASE_URL:-postgresql://retail_service@127.0.0.1:5432/retail}"
base="${DATABASE_MIGRATION_URL%%\?*}"
database="${base##*/}"
server="${base%/*}"
if [[ ! "$database" =~ ^[A-Za-z0-9_]+$ ]]; then
  echo "run-local.sh: cannot create database '$database' from DATABASE_MIGRATION_URL; create it by hand" >&2
elif ! command -v psql >/dev/null; then
  echo "run-local.sh: psql not found; make sure database '$database' and the roles of scripts/create-db-roles.sql exist" >&2
else
  if ! psql "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    psql "$server/postgres" -qc "CREATE DATABASE \"$database\""
    echo "run-local.sh: created database '$database'"
  fi
  psql "$server/postgres" -v ON_ERROR_STOP=1 -q -f scripts/create-db-roles.sql
fi

exec ./mvnw -B quarkus:dev -Dquarkus.console.enabled=false "$@"

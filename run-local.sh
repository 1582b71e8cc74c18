#!/usr/bin/env bash
# Runs Retail Intelligence locally (Quarkus dev mode on http://localhost:8080), creating its
# PostgreSQL database first if it is missing. Settings come from the environment (see README).
set -euo pipefail
cd "$(dirname "$0")"

export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/retail}"
base="${DATABASE_URL%%\?*}"
database="${base##*/}"
server="${base%/*}"
if [[ ! "$database" =~ ^[A-Za-z0-9_]+$ ]]; then
  echo "run-local.sh: cannot create database '$database' from DATABASE_URL; create it by hand" >&2
else
  if ! command -v psql >/dev/null; then
    echo "run-local.sh: psql not found; make sure database '$database' exists" >&2
  elif ! psql "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
    psql "$server/postgres" -qc "CREATE DATABASE \"$database\""
    echo "run-local.sh: created database '$database'"
  fi
fi

exec ./mvnw -B quarkus:dev -Dquarkus.console.enabled=false "$@"

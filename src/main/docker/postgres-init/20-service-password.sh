#!/bin/sh
# Gives the service's login role (made by 10-create-db-roles.sql) its password, for connections over the network.
set -eu
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" \
  -c "ALTER ROLE retail_service PASSWORD '$RETAIL_SERVICE_DB_PASSWORD'"

#!/bin/sh
# Runs once, on an empty data directory: one database per service, owned by the guichet role.
set -eu
for db in identity organisation beneficiary invoicing notification documents; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "CREATE DATABASE $db OWNER $POSTGRES_USER"
done

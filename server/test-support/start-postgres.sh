#!/bin/sh
# Gives the server's tests a real PostgreSQL on a fresh Debian machine (run as root): installs Debian's
# postgresql if missing, starts a cluster, creates a user and a database, and prints the URL on stdout.
# Everything else goes to stderr, so CI can do: export TEST_DATABASE_URL="$(sh start-postgres.sh)".
set -eu

DB_NAME="${MAILROOM_PG_DB:-mailroom_test}"
DB_USER="${MAILROOM_PG_USER:-mailroom}"
DB_PASSWORD="${MAILROOM_PG_PASSWORD:-mailroom-test}"

if [ "$(id -u)" -ne 0 ]; then
  echo "start-postgres.sh: run as root (it installs packages and starts the cluster as user postgres)" >&2
  exit 1
fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "installing postgresql from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION main"; then
  pg_createcluster "$PG_VERSION" main >&2
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $3}')"
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $4}' | grep -qx online; then
  # No systemd in containers and CI images: pg_ctlcluster starts the server directly as user postgres.
  pg_ctlcluster "$PG_VERSION" main start >&2
fi

tries=0
until pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; do
  tries=$((tries + 1))
  if [ "$tries" -gt 60 ]; then
    echo "start-postgres.sh: PostgreSQL did not accept connections on 127.0.0.1:$PG_PORT within 30 s" >&2
    exit 1
  fi
  sleep 0.5
done

as_postgres() { runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtAX "$@"; }

if [ "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]; then
  as_postgres -c "CREATE ROLE \"$DB_USER\" LOGIN PASSWORD '$DB_PASSWORD'" >&2
fi
if [ "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
  as_postgres -c "CREATE DATABASE \"$DB_NAME\" OWNER \"$DB_USER\"" >&2
fi

echo "postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"

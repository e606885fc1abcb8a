#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for tests and local runs: no system service, no
# password, listening on 127.0.0.1 only. Prints the connection string on its last line.
# PostgreSQL refuses to run as root, so the cluster belongs to the 'postgres' user.
set -euo pipefail
PGPORT="${HUB_PG_PORT:-55432}"
PGDIR="${HUB_PG_DIR:-/tmp/integrationhub-pg}"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if as_pg "$bindir/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
  echo "PostgreSQL already running in $PGDIR" >&2
else
  rm -rf "$PGDIR"; mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PGDIR"
  as_pg "$bindir/initdb" -D "$PGDIR" -U postgres --auth=trust -E UTF8 >/dev/null
  # fsync off: a throwaway test cluster trades crash safety for speed. Never use this for real data.
  as_pg "$bindir/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w \
    -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${HUB_PG_FSYNC:-off}" start >/dev/null
fi
echo "Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on a free port on 127.0.0.1 for the integration tests.
# Source it: `source scripts/pg-cluster.sh`; it exports MITSPRACHE_TEST_PG_URL and defines
# pg_cluster_stop (call it from a trap). PostgreSQL refuses to run as root, so as root the
# cluster runs as the `postgres` user.

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL is not installed (scripts/install-tools.sh --postgres installs it)" >&2
  return 1
fi
PG_TEST_DIR=$(mktemp -d /tmp/mitsprache-pg.XXXXXX)
PG_TEST_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$PG_TEST_DIR"
  pg_as() { runuser -u postgres -- "$@"; }
else
  pg_as() { "$@"; }
fi
pg_as "$pg_bin/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
pg_as "$pg_bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w \
  -o "-p $PG_TEST_PORT -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
export MITSPRACHE_TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_TEST_PORT/postgres"
echo "==> PostgreSQL test cluster on port $PG_TEST_PORT"

pg_cluster_stop() {
  pg_as "$pg_bin/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
}

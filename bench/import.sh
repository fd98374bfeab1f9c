#!/usr/bin/env bash
# The staff import at organisation scale (issue #13): 15,000 people as German Excel saves them,
# read into a preview and applied, on a fresh SQLite file and on a throw-away PostgreSQL
# cluster. Targets: preview (upload, read, plan) <= 5 s, apply <= 30 s.
# Usage: bench/import.sh [ROWS] [SERVER_BINARY]   (default 15000, target/release/server if
# built, else target/debug/server). Prints one JSON line per database.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-15000}
bin=${2:-}
if [ -z "$bin" ]; then
  if [ -x target/release/server ]; then bin=target/release/server; else bin=target/debug/server; fi
fi
echo "==> $bin, $rows rows"
dir=$(mktemp -d /tmp/mitsprache-import-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
echo -n "sqlite:     "
DATABASE_URL="sqlite://$dir/bench.db?mode=rwc" RUST_LOG=warn "$bin" bench-import --rows "$rows"
# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh >/dev/null
trap 'pg_cluster_stop; rm -rf "$dir"' EXIT
echo -n "postgresql: "
DATABASE_URL="$MITSPRACHE_TEST_PG_URL" RUST_LOG=warn "$bin" bench-import --rows "$rows"

#!/usr/bin/env bash
# Times the documents of issue #16 on the benchmark organisation: seeds `server seed-load` into a
# throw-away SQLite file, then `server render-documents` typesets the 12,000-word guideline (its
# latest version) as PDF/A (with and without line numbers), writes it as Word file, and typesets
# the comparison of version 1 with the latest. Prints and appends the numbers to
# bench/documents.jsonl. Usage: bench/documents.sh [debug|release] [scale]
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-release}"
scale="${2:-1}"
if [ "$mode" = release ]; then
  cargo build --release -p server
  server_bin=target/release/server
else
  cargo build -p server
  server_bin=target/debug/server
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url="sqlite://$work/bench.db?mode=rwc"
DATABASE_URL="$url" RUST_LOG=warn "$server_bin" seed-load --scale "$scale" --out "$work/load.json" >/dev/null
process=$(python3 -c "import json; print(json.load(open('$work/load.json'))['process_id'])")
for run in 1 2 3; do
  measured=$(DATABASE_URL="$url" RUST_LOG=warn "$server_bin" render-documents "$process")
  line="{\"mode\":\"$mode\",\"scale\":$scale,\"run\":$run,\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"measured\":$measured}"
  echo "$line"
  echo "$line" >> bench/documents.jsonl
done

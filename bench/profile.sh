#!/usr/bin/env bash
# Profiles the release server under one benchmark scenario with `perf record` (call stacks by
# DWARF unwinding) and prints the functions with the largest inclusive share of the samples.
#
#   bench/profile.sh page      # GET of the round page (scenario 1), 16 connections
#   bench/profile.sh comment   # POST /api/post_comment (scenario 2), 16 connections
#
# Uses the release build as it is (run `scripts/build.sh release` first) and the full load data
# on SQLite in a temporary directory. Writes perf.data, the `perf script` text and the folded
# stacks (for any flame-graph tool) to that directory and prints its path. Needs `perf` (Debian's
# linux-perf) and wrk; on machines where perf may not sample, it says so.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-page}
seconds=${PROFILE_SECONDS:-10}
case "$scenario" in page|comment) ;; *) echo "usage: bench/profile.sh page|comment" >&2; exit 2 ;; esac
for tool in perf wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install linux-perf wrk curl)" >&2; exit 1; }
done
server=target/release/server
[ -x "$server" ] || { echo "no release build: run scripts/build.sh release" >&2; exit 1; }

work=$(mktemp -d /tmp/mitsprache-profile.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
url="sqlite://$work/db.sqlite?mode=rwc"
DATABASE_URL="$url" RUST_LOG=warn "$server" seed-load --out "$work/load.json" >/dev/null
DATABASE_URL="$url" MITSPRACHE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site-release \
  RUST_LOG=warn "$server" serve > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "$base/anmelden" -o /dev/null && break; sleep 0.2; done

login() { # email → cookie
  curl -s -o /dev/null -c - -X POST "$base/api/login" \
    -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' \
    -H "Origin: $base" -H 'Sec-Fetch-Site: same-origin' \
    --data-urlencode "email=$1" --data-urlencode "password=Last-Test-2026" \
    | awk '$6 == "mitsprache_session" {print $6 "=" $7}'
}
j() { python3 -c "import json; d=json.load(open('$work/load.json')); print($1)"; }

perf record -F 499 -g --call-graph dwarf,16384 -p "$pid" -o "$work/perf.data" \
  -- sleep $((seconds + 2)) > "$work/perf.log" 2>&1 &
perf_pid=$!
sleep 1
if [ "$scenario" = page ]; then
  cookie=$(login mitarbeit-00001@last.mitsprache.de)
  wrk -t2 -c16 -d"${seconds}s" --timeout 10s -H "Cookie: $cookie" "$base$(j "d['round_path']")" | grep -E 'Requests/sec|requests in'
else
  : > "$work/cookies"
  for n in $(seq 1 16); do login "$(printf 'mitarbeit-%05d@last.mitsprache.de' "$n")" >> "$work/cookies"; done
  BENCH_DIR="$PWD/bench" wrk -t2 -c16 -d"${seconds}s" --timeout 10s -s bench/wrk/post_comment.lua \
    "$base/api/post_comment" "$base" "$work/cookies" "$(j "d['round_id']")" "$(j "d['version_id']")" \
    "$(j "','.join(d['block_ids'])")" profile | grep -E 'Requests/sec|requests in'
fi
wait "$perf_pid" || { echo "perf record failed: $(cat "$work/perf.log")" >&2; exit 1; }
perf script -i "$work/perf.data" -F comm,tid,ip,sym --no-inline 2>/dev/null > "$work/perf.txt"
echo "==> all functions"
python3 bench/perf_top.py "$work/perf.txt" --top 25 --folded "$work/folded.txt"
echo "==> the app, its libraries and the database driver"
python3 bench/perf_top.py "$work/perf.txt" --top 30 \
  --match 'app::|server::|sea_orm|sqlx|tachys::ssr|serde_json::ser|tower_sessions|argon2'
echo "==> files in $work (perf.data, perf.txt, folded.txt for a flame graph)"

#!/usr/bin/env bash
# The benchmark suite of issue #6: seeds a large organisation (server seed-load) on SQLite and
# on PostgreSQL, starts the release server, runs four scenarios at 1, 16 and 64 connections
# with wrk, an nginx baseline serving the identical HTML of scenario 1, and measures the wasm
# size, the server's peak RSS, the time to hydrated in headless chromium and `server
# verify-audit`. Writes bench/RESULTS.md (and the raw numbers to bench/results.json).
#
# Usage: bench/run.sh [--quick] [--debug] [--no-build] [--duration SECONDS] [--db sqlite|postgres|both]
#   --quick      small data (scale 0.02) and 3-second runs, for smoke tests
#   --debug      use the debug build (scripts/build.sh debug) instead of the release build
#   --no-build   use the binaries and site files already built
#   --duration   seconds per measurement (default 10; --quick: 3)
#   --db         which databases (default both)
# Not part of scripts/test.sh: numbers are reported, not asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export BENCH_DIR="$root/bench"

mode=release
build=1
quick=0
duration=
dbs=both
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --debug) mode=debug ;;
    --no-build) build=0 ;;
    --duration) duration=$2; shift ;;
    --db) dbs=$2; shift ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
  esac
  shift
done
if [ "$quick" = 1 ]; then scale=0.02; duration=${duration:-3}; else scale=1; duration=${duration:-10}; fi
connections=(1 16 64)
cores=$(nproc)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- tools -------------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || need+=(nginx-light)
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v psql >/dev/null || need+=(postgresql postgresql-client)
command -v chromium >/dev/null || need+=(chromium)
command -v curl >/dev/null || need+=(curl)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing ${need[*]} (Debian packages)"
  sudo_cmd=; [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}"
fi
if [ ! -d end2end/node_modules/playwright ]; then
  (cd end2end && npm ci --no-audit --no-fund)
fi

if [ "$build" = 1 ]; then
  scripts/build.sh "$mode"
fi
server_bin=target/$mode/server
site=target/site-$mode
[ -x "$server_bin" ] || { echo "missing $server_bin (run without --no-build)" >&2; exit 1; }

work=$(mktemp -d /tmp/mitsprache-bench.XXXXXX)
chmod 755 "$work"
raw="$work/results.jsonl"
: > "$raw"
server_pid=
nginx_pid=
pg_dir=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  if [ -n "$pg_dir" ]; then pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; fi
  wait 2>/dev/null || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
emit() { echo "$1" >> "$raw"; }

# Runs wrk; appends {"db","scenario","connections", ...wrk numbers} to the raw results.
run_wrk() { # db scenario connections script url [script args...]
  local db=$1 scenario=$2 c=$3 script=$4 url=$5; shift 5
  local threads=$(( c < cores ? c : cores ))
  local out
  local header=()
  [ -n "${WRK_HEADER:-}" ] && header=(-H "$WRK_HEADER")
  out=$(wrk -t"$threads" -c"$c" -d"${duration}s" --timeout 10s "${header[@]}" \
    -s "$BENCH_DIR/wrk/$script" "$url" -- "$@" 2>"$work/wrk.err") || true
  local line
  line=$(grep '^WRK_JSON ' <<<"$out" | sed 's/^WRK_JSON //')
  if [ -z "$line" ]; then
    echo "wrk failed for $scenario c=$c: $(cat "$work/wrk.err")" >&2
    line='{"requests":0,"duration_us":1,"ok":0,"bad":0,"failed_to_run":1}'
  fi
  emit "{\"db\":\"$db\",\"scenario\":\"$scenario\",\"connections\":$c,\"wrk\":$line}"
  echo "    $scenario c=$c: $line"
}

rss_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

login_cookie() { # base email → "mitsprache_session=…"
  curl -s -o /dev/null -c - -X POST "$1/api/login" \
    -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' \
    -H "Origin: $1" -H 'Sec-Fetch-Site: same-origin' \
    --data-urlencode "email=$2" --data-urlencode "password=Last-Test-2026" \
    | awk '$6 == "mitsprache_session" {print $6 "=" $7}'
}

# ---- nginx: the identical HTML as a static file on loopback -----------------------------------
start_nginx() { # html_file → sets nginx_port, nginx_pid
  mkdir -p "$work/nginx/www" "$work/nginx/logs"
  cp "$1" "$work/nginx/www/page.html"
  chmod -R a+rX "$work/nginx"
  nginx_port=$(free_port)
  cat > "$work/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { }
  default_type "text/html; charset=utf-8";
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/nginx/www;
    location / { try_files /page.html =404; }
  }
}
EOF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port/" -o /dev/null && return; sleep 0.1; done
  echo "nginx did not start" >&2; exit 1
}

# ---- one database --------------------------------------------------------------------------------
bench_db() { # name database_url
  local db=$1 url=$2
  echo "==> [$db] seeding (scale $scale)"
  local t0 t1
  t0=$(date +%s.%N)
  DATABASE_URL="$url" RUST_LOG=warn "$server_bin" seed-load --scale "$scale" --out "$work/load-$db.json"
  t1=$(date +%s.%N)
  emit "{\"db\":\"$db\",\"seed_seconds\":$(python3 -c "print(round($t1-$t0,2))"),\"load\":$(python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))" "$work/load-$db.json")}"

  local port base
  port=$(free_port); base="http://127.0.0.1:$port"
  echo "==> [$db] starting the $mode server on $base"
  # The per-account posting limit (20 a minute) would answer the comment scenario with 429s:
  # the benchmark measures the server's capacity, so it is switched off here.
  DATABASE_URL="$url" MITSPRACHE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT="$site" RUST_LOG=warn \
    MITSPRACHE_POSTING_LIMIT=0 "$server_bin" serve > "$work/server-$db.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -sf "$base/anmelden" -o /dev/null && break; sleep 0.2; done
  emit "{\"db\":\"$db\",\"rss_kb_idle\":$(rss_kb "$server_pid")}"

  local load="$work/load-$db.json"
  local j; j() { python3 -c "import json,sys; d=json.load(open('$load')); print($1)"; }
  local round_path compare_process version_number round_id version_id blocks staff_count
  round_path=$(j "d['round_path']"); compare_process=$(j "d['process_id']")
  version_number=$(j "d['version_number']"); round_id=$(j "d['round_id']")
  version_id=$(j "d['version_id']"); blocks=$(j "','.join(d['block_ids'])")
  staff_count=$(j "d['staff_count']")

  # Several signed-in accounts: the reader of scenarios 1 and 3, the authors of scenario 2.
  local cookie
  cookie=$(login_cookie "$base" mitarbeit-00001@last.mitsprache.de)
  [ -n "$cookie" ] || { echo "log-in failed; see $work/server-$db.log" >&2; exit 1; }
  : > "$work/cookies-$db"
  for n in $(seq 2 17); do
    login_cookie "$base" "$(printf 'mitarbeit-%05d@last.mitsprache.de' "$n")" >> "$work/cookies-$db"
  done

  # Scenario 1: the version page with its comments (the round page), SSR, signed in.
  curl -sf -H "Cookie: $cookie" "$base$round_path" -o "$work/page-$db.html"
  emit "{\"db\":\"$db\",\"page_bytes\":$(stat -c %s "$work/page-$db.html")}"
  echo "==> [$db] scenario 1: $round_path ($(stat -c %s "$work/page-$db.html") bytes)"
  for c in "${connections[@]}"; do
    WRK_HEADER="Cookie: $cookie" run_wrk "$db" page "$c" get.lua "$base$round_path"
  done
  emit "{\"db\":\"$db\",\"rss_kb_after\":\"page\",\"rss_kb\":$(rss_kb "$server_pid")}"

  echo "==> [$db] nginx baseline: the same HTML as a static file"
  start_nginx "$work/page-$db.html"
  for c in "${connections[@]}"; do
    run_wrk "$db" nginx "$c" get.lua "http://127.0.0.1:$nginx_port/page.html"
  done
  kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=

  echo "==> [$db] scenario 3: diff of version 1 and version $version_number"
  for c in "${connections[@]}"; do
    WRK_HEADER="Cookie: $cookie" run_wrk "$db" diff "$c" compare.lua "$base/api/compare_versions" \
      "$base" "$compare_process" 1 "$version_number"
  done
  emit "{\"db\":\"$db\",\"rss_kb_after\":\"diff\",\"rss_kb\":$(rss_kb "$server_pid")}"

  echo "==> [$db] scenario 2: posting comments"
  for c in "${connections[@]}"; do
    local tag="r$(date +%s)c$c"
    run_wrk "$db" comment "$c" post_comment.lua "$base/api/post_comment" \
      "$base" "$work/cookies-$db" "$round_id" "$version_id" "$blocks" "$tag"
    local stored
    if [ "$db" = sqlite ]; then
      stored=$(sqlite3 "$sqlite_file" "select count(*) from comments where body like 'Lasttest $tag %'")
    else
      stored=$(psql -tA "$url" -c "select count(*) from comments where body like 'Lasttest $tag %'")
    fi
    emit "{\"db\":\"$db\",\"scenario\":\"comment_stored\",\"connections\":$c,\"stored\":$stored}"
    echo "    stored: $stored"
  done
  emit "{\"db\":\"$db\",\"rss_kb_after\":\"comment\",\"rss_kb\":$(rss_kb "$server_pid")}"

  echo "==> [$db] scenario 4: log-in"
  for c in "${connections[@]}"; do
    run_wrk "$db" login "$c" login.lua "$base/api/login" "$base" "$staff_count" "Last-Test-2026"
  done
  emit "{\"db\":\"$db\",\"rss_kb_after\":\"login\",\"rss_kb\":$(rss_kb "$server_pid")}"

  echo "==> [$db] time to hydrated (headless chromium)"
  local hyd
  if hyd=$(node bench/hydration.cjs "$base" "$round_path" mitarbeit-00002@last.mitsprache.de Last-Test-2026 5); then
    emit "{\"db\":\"$db\",\"hydration\":$hyd}"
    echo "    $hyd"
  else
    echo "    hydration measurement failed" >&2
  fi

  echo "==> [$db] a phone on Slow 4G with 4x CPU slowdown: start page and round page"
  local phone
  if phone=$(node bench/phone.cjs "$base" mitarbeit-00003@last.mitsprache.de Last-Test-2026 / "$round_path"); then
    emit "{\"db\":\"$db\",\"phone\":$phone}"
    echo "    $phone"
  else
    echo "    phone measurement failed" >&2
  fi

  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=

  echo "==> [$db] server verify-audit"
  local out
  t0=$(date +%s.%N)
  if out=$(DATABASE_URL="$url" RUST_LOG=warn "$server_bin" verify-audit 2>&1); then
    t1=$(date +%s.%N)
    local entries
    entries=$(grep -o '[0-9]* Einträge geprüft' <<<"$out" | grep -o '^[0-9]*' || echo 0)
    emit "{\"db\":\"$db\",\"verify_audit_seconds\":$(python3 -c "print(round($t1-$t0,3))"),\"verify_audit_entries\":${entries:-0}}"
    echo "    $out"
  else
    echo "    verify-audit failed: $out" >&2
    emit "{\"db\":\"$db\",\"verify_audit_failed\":true}"
  fi
}

# ---- SQLite ---------------------------------------------------------------------------------------
if [ "$dbs" = both ] || [ "$dbs" = sqlite ]; then
  sqlite_file="$work/bench.db"
  bench_db sqlite "sqlite://$sqlite_file?mode=rwc"
fi

# ---- PostgreSQL: a throw-away cluster with the default durability settings -------------------------
if [ "$dbs" = both ] || [ "$dbs" = postgres ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  pg_dir="$work/pg"
  mkdir -p "$pg_dir"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$pg_dir"
    pg_as() { runuser -u postgres -- "$@"; }
  else
    pg_as() { "$@"; }
  fi
  pg_port=$(free_port)
  pg_as "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  # Unlike scripts/pg-cluster.sh (tests), fsync and synchronous commit stay on: a stored comment
  # must survive a crash, and that is what is measured.
  pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB" \
    start >/dev/null
  psql -q "postgres://postgres@127.0.0.1:$pg_port/postgres" -c 'CREATE DATABASE mitsprache_bench'
  bench_db postgres "postgres://postgres@127.0.0.1:$pg_port/mitsprache_bench"
  emit "{\"db\":\"postgres\",\"postgres_version\":\"$(psql -tA "postgres://postgres@127.0.0.1:$pg_port/postgres" -c 'show server_version')\"}"
fi

# ---- the browser bundle --------------------------------------------------------------------------
name=$(cat "$site/pkg/current")
wasm="$site/pkg/${name}_bg.wasm"
emit "{\"wasm_file\":\"$wasm\",\"wasm_raw\":$(stat -c %s "$wasm"),\"wasm_gzip\":$(gzip -9c "$wasm" | wc -c),\"wasm_brotli\":$(stat -c %s "$wasm.br"),\"js_gzip\":$(gzip -9c "$site/pkg/$name.js" | wc -c)}"

emit "{\"machine\":{\"cores\":$cores,\"memory_kb\":$(awk '/MemTotal/ {print $2}' /proc/meminfo),\"cpu\":\"$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)\",\"kernel\":\"$(uname -r)\",\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\",\"load_before\":\"$load_before\",\"load_after\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"},\"mode\":\"$mode\",\"quick\":$quick,\"scale\":$scale,\"duration_s\":$duration,\"wrk\":\"$(wrk -v 2>&1 | head -n1 | awk '{print $2}')\",\"nginx\":\"$(nginx -v 2>&1 | cut -d/ -f2)\"}"

cp "$raw" bench/results.jsonl
python3 bench/report.py bench/results.jsonl > bench/RESULTS.md
echo "==> wrote bench/RESULTS.md"

#!/usr/bin/env bash
# Installs what is missing, builds once, and runs every test: unit, integration on SQLite and
# PostgreSQL, the browser tests in Debian's chromium, and a short fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

# One build, run once: incremental caches (about 1 GB per workspace crate and profile) would only
# cost disk and time. Set CARGO_INCREMENTAL=1 to keep them when iterating locally.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
disk() { echo "    disk: $(df -h --output=avail . | tail -n1 | tr -d ' ') free, target/ $(du -sh target 2>/dev/null | cut -f1)"; }

scripts/install-tools.sh --browser --postgres --fuzz --smtp

echo "==> building (debug, shared by all test stages)"
scripts/build.sh debug

echo "==> building the release server for the crash-safety tests (server/tests/crash.rs)"
cargo build --release -p server
export MITSPRACHE_CRASH_SERVER_BIN="$PWD/target/release/server"

# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh
trap pg_cluster_stop EXIT
export MITSPRACHE_REQUIRE_PG=1

disk
echo "==> unit and integration tests (SQLite and PostgreSQL)"
cargo nextest run -p app -p server -p migration --no-fail-fast
disk
pg_cluster_stop
trap - EXIT

echo "==> browser tests (Playwright, Debian chromium)"
(cd end2end && npx playwright test)

echo "==> fuzzing (Markdown sanitiser, word diff, readability; ${MITSPRACHE_FUZZ_SECONDS:-60} s each)"
scripts/fuzz.sh "${MITSPRACHE_FUZZ_SECONDS:-60}"

disk
echo "==> all tests passed in $(( $(date +%s) - start )) s"

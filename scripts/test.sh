#!/usr/bin/env bash
# Installs what is missing, builds once, and runs every test: unit, integration on SQLite and
# PostgreSQL, the browser tests in Debian's chromium, and a short fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

scripts/install-tools.sh --browser --postgres --fuzz

echo "==> building (debug, shared by all test stages)"
scripts/build.sh debug

echo "==> building the release server for the crash-safety tests (server/tests/crash.rs)"
cargo build --release -p server
export MITSPRACHE_CRASH_SERVER_BIN="$PWD/target/release/server"

# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh
trap pg_cluster_stop EXIT
export MITSPRACHE_REQUIRE_PG=1

echo "==> unit and integration tests (SQLite and PostgreSQL)"
cargo nextest run -p app -p server -p migration --no-fail-fast

echo "==> browser tests (Playwright, Debian chromium)"
(cd end2end && npx playwright test)

echo "==> fuzzing (Markdown sanitiser, word diff, readability; ${MITSPRACHE_FUZZ_SECONDS:-60} s each)"
scripts/fuzz.sh "${MITSPRACHE_FUZZ_SECONDS:-60}"

echo "==> all tests passed in $(( $(date +%s) - start )) s"

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
# Each stage's wall time, so a CI log shows where the minutes go.
stage_start=$(date +%s)
stage() {
  local now; now=$(date +%s)
  echo "    ($(( now - stage_start )) s)"
  stage_start=$now
  echo "==> $*"
}

echo "==> installing what is missing"
scripts/install-tools.sh --browser --postgres --fuzz --smtp

stage "building (debug, shared by all test stages; the crash tests use this server too)"
scripts/build.sh debug

# shellcheck source=scripts/pg-cluster.sh
source scripts/pg-cluster.sh
trap pg_cluster_stop EXIT
export MITSPRACHE_REQUIRE_PG=1

disk
stage "unit and integration tests (SQLite and PostgreSQL)"
cargo nextest run -p app -p server -p migration --no-fail-fast
disk
pg_cluster_stop
trap - EXIT

stage "browser tests (Playwright, Debian chromium)"
(cd end2end && npx playwright test)

stage "fuzzing (Markdown sanitiser, word diff, readability; ${MITSPRACHE_FUZZ_SECONDS:-60} s each)"
scripts/fuzz.sh "${MITSPRACHE_FUZZ_SECONDS:-60}"

stage "done"
disk
echo "==> all tests passed in $(( $(date +%s) - start )) s"

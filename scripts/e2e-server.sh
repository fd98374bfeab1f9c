#!/usr/bin/env bash
# Starts the built server on a fresh SQLite database with demo data, for the browser tests.
# Usage: scripts/e2e-server.sh PORT   (expects scripts/build.sh to have run)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3100}
dir=$(mktemp -d /tmp/mitsprache-e2e.XXXXXX)
export DATABASE_URL="sqlite://$dir/e2e.db?mode=rwc"
export MITSPRACHE_ADDR="127.0.0.1:$port"
export MITSPRACHE_DEMO=1
export LEPTOS_SITE_ROOT=target/site-debug
# The XSS corpus (end2end/tests/xss.spec.ts) posts 124 texts per field from one account within
# a minute; the per-account limit of 20 a minute is tested over HTTP (server/tests/api/hardening.rs).
export MITSPRACHE_POSTING_LIMIT=1000
# Mails of the browser tests: to the SMTP server the Playwright config starts, else as files.
export MITSPRACHE_MAIL_DIR="$dir/mail"
export MITSPRACHE_MAIL_POLL_MS="${MITSPRACHE_MAIL_POLL_MS:-200}"
exec target/debug/server

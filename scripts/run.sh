#!/usr/bin/env bash
# Installs what is missing, builds a release, and runs Mitsprache on its SQLite default with demo data.
# Settings: see README (MITSPRACHE_ADDR, DATABASE_URL, …).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
scripts/build.sh release
export LEPTOS_SITE_ROOT=target/site-release
export MITSPRACHE_DEMO="${MITSPRACHE_DEMO:-1}"
exec target/release/server serve

#!/usr/bin/env bash
# Starts the built server on a fresh SQLite database with demo data, for the browser tests, and
# a real OpenID provider on loopback (end2end/oidc/provider.mjs, the npm package `oidc-provider`
# installed by `npm ci` in end2end/) that the server's single sign-on is configured against.
# Password log-in stays on: the other browser tests log in with the demo passwords.
# Usage: scripts/e2e-server.sh PORT   (expects scripts/build.sh to have run)
# Both processes end together: Playwright kills the whole process group, and a signal to this
# script ends both.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3100}
dir=$(mktemp -d /tmp/mitsprache-e2e.XXXXXX)

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 143' TERM INT

# The provider takes a free port and prints `OIDC-PROVIDER-READY <issuer>`. It knows our
# callback (and /anmelden after a log-out at the provider) as the only redirect addresses.
node end2end/oidc/provider.mjs --port 0 --redirect "http://127.0.0.1:$port/auth/oidc/callback" \
  >"$dir/oidc.log" 2>&1 &
pids+=($!)
issuer=
for _ in $(seq 1 300); do
  issuer=$(sed -n 's/^OIDC-PROVIDER-READY //p' "$dir/oidc.log")
  [ -n "$issuer" ] && break
  if ! kill -0 "${pids[0]}" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$issuer" ]; then
  echo "the OpenID provider did not start (is 'npm ci' done in end2end/?):" >&2
  cat "$dir/oidc.log" >&2
  exit 1
fi
echo "OpenID provider for the browser tests: $issuer"
# Its log (errors only) goes to our output, so a failing log-in shows why.
tail -n +2 -f "$dir/oidc.log" >&2 &
pids+=($!)

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
# Single sign-on against the provider above (its test people: end2end/oidc/provider.mjs).
export MITSPRACHE_OIDC_ISSUER="$issuer"
export MITSPRACHE_OIDC_CLIENT_ID=mitsprache
export MITSPRACHE_OIDC_CLIENT_SECRET=mitsprache-test-secret
export MITSPRACHE_OIDC_TEAM_CLAIM=department
export MITSPRACHE_OIDC_COORDINATOR_GROUP=mitsprache-koordination
target/debug/server &
pids+=($!)
wait "${pids[-1]}"

#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing on this machine.
# Only package registries are used (crates.io, npm, Debian apt); nothing is downloaded from elsewhere.
# Usage: scripts/install-tools.sh [--browser] [--postgres] [--fuzz] [--smtp]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
want_postgres=0
want_fuzz=0
want_smtp=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --postgres) want_postgres=1 ;;
    --fuzz) want_fuzz=1 ;;
    --smtp) want_smtp=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

# Pinned, so a new release cannot change the fuzz runs under us.
CARGO_FUZZ_VERSION=0.13.2

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The wasm-bindgen CLI must have exactly the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # The crate's own lock file pins a webpki-roots release that is no longer on crates.io, so
  # `cargo install --locked` fails. Unpack the crate, move that one pin back, install from the path.
  src="$HOME/.cargo/registry/src"
  if ! ls -d "$src"/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION" >/dev/null 2>&1; then
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked >/dev/null 2>&1 || true
  fi
  dir=$(ls -d "$src"/*/wasm-bindgen-cli-"$WASM_BINDGEN_VERSION" 2>/dev/null | head -n1 || true)
  if [ -z "$dir" ]; then
    echo "could not unpack wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io" >&2
    exit 1
  fi
  work=$(mktemp -d)
  cp -r "$dir"/. "$work"
  (cd "$work" && (cargo update -p webpki-roots --precise 1.0.10 >/dev/null 2>&1 || true) \
     && CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
        cargo install --path . --locked --root "$HOME/.cargo")
  rm -rf "$work"
fi

# The build compresses the browser bundle with brotli (and gzip) once, ahead of serving it.
if ! command -v brotli >/dev/null 2>&1; then
  log "installing brotli from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null
fi

# The document tests read the generated PDFs with poppler (pdftotext, pdfinfo, pdftoppm) and
# qpdf (structure tree, XMP metadata).
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v qpdf >/dev/null 2>&1; then
  log "installing poppler-utils and qpdf from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils qpdf >/dev/null
fi

if [ "$want_browser" = 1 ]; then
  if [ ! -x /usr/bin/chromium ]; then
    log "installing chromium from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  # Playwright and the test OpenID provider (oidc-provider, also started by the HTTP tests in
  # server/tests/api/sso.rs) run on Node.js 20 or newer.
  node_major() { node --version 2>/dev/null | sed -n 's/^v\([0-9]*\)\..*/\1/p'; }
  if [ "$(node_major)" = "" ] || [ "$(node_major)" -lt 20 ] || ! command -v npm >/dev/null 2>&1; then
    log "installing Node.js from the configured apt sources"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null
    command -v npm >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
    if [ "$(node_major)" = "" ] || [ "$(node_major)" -lt 20 ]; then
      echo "Node.js 20 or newer is needed for the browser tests and the test OpenID provider;" \
        "apt offers $(node --version 2>/dev/null || echo none). Add an apt source with Node.js 20 (e.g. Debian 13)." >&2
      exit 1
    fi
  fi
  if [ ! -d end2end/node_modules/@playwright/test ] || [ ! -d end2end/node_modules/oidc-provider ] \
     || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    log "installing the end-to-end test packages from npm"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi

if [ "$want_postgres" = 1 ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing PostgreSQL from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
fi

if [ "$want_fuzz" = 1 ]; then
  # cargo-fuzz drives libFuzzer on the nightly toolchain (installed on these machines by rustup).
  if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "the nightly toolchain is missing (rustup toolchain install nightly)" >&2
    exit 1
  fi
  if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
    log "installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
fi

if [ "$want_smtp" = 1 ]; then
  # The tests' SMTP server (scripts/smtp-sink.py): aiosmtpd from PyPI, in a virtual environment
  # of its own so the system Python stays untouched.
  AIOSMTPD_VERSION=1.4.6
  venv=.tools/smtp-venv
  if ! "$venv/bin/python" -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" >/dev/null 2>&1; then
    log "installing aiosmtpd $AIOSMTPD_VERSION from PyPI into $venv"
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
  fi
fi

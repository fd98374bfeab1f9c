#!/usr/bin/env bash
# Builds the browser bundle (wasm + JS + CSS) into target/site and the server binary.
# Usage: scripts/build.sh [debug|release]
# One target dir for everything; the server finds the site files through LEPTOS_SITE_ROOT.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-debug}
case "$mode" in
  debug)   wasm_profile=dev;          wasm_dir=debug;        server_flags=(); bindgen_flags=() ;;
  # Without the name section (function names for debugging) the release bundle is 60 % smaller.
  release) wasm_profile=wasm-release; wasm_dir=wasm-release; server_flags=(--release)
           bindgen_flags=(--remove-name-section --remove-producers-section) ;;
  *) echo "usage: scripts/build.sh [debug|release]" >&2; exit 2 ;;
esac

site=target/site-$mode
echo "==> building the browser bundle ($mode)"
# Not incremental: an incremental rebuild can pass where a fresh build (as in CI) hits the
# compiler's query depth limit on deep view types.
CARGO_INCREMENTAL=0 cargo build -p frontend --lib --target wasm32-unknown-unknown --profile "$wasm_profile"
mkdir -p "$site/pkg"
wasm-bindgen --target web --no-typescript "${bindgen_flags[@]}" --out-dir "$site/pkg" --out-name mitsprache \
  "target/wasm32-unknown-unknown/$wasm_dir/frontend.wasm"
# main.css first, then one stylesheet per concept (style/*.css) in name order.
cat style/main.css $(ls style/*.css | grep -v '^style/main.css$' | sort) > "$site/pkg/mitsprache.css"
if [ -d public ] && [ -n "$(ls -A public)" ]; then cp -r public/. "$site/"; fi

echo "==> building the server ($mode)"
cargo build -p server --bin server "${server_flags[@]}"

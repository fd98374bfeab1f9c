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
wasm_in="target/wasm32-unknown-unknown/$wasm_dir/frontend.wasm"
css=$(mktemp)
# main.css first, then one stylesheet per concept (style/*.css) in name order.
cat style/main.css $(ls style/*.css | grep -v '^style/main.css$' | sort) > "$css"
# One name for the bundle, from a hash of what it is made of: a new build gets new file names,
# so the server lets browsers keep every file under /pkg/ for a year (Cache-Control immutable).
name="mitsprache-$(cat "$wasm_in" "$css" | sha256sum | cut -c1-16)"
wasm-bindgen --target web --no-typescript "${bindgen_flags[@]}" --out-dir "$site/pkg" --out-name "$name" "$wasm_in"
mv "$css" "$site/pkg/$name.css"
chmod 644 "$site/pkg/$name.css"
# Compressed copies made once here, sent to browsers that accept them (brotli or gzip).
level=$([ "$mode" = release ] && echo 11 || echo 5)
for file in "$site/pkg/$name.js" "$site/pkg/${name}_bg.wasm" "$site/pkg/$name.css"; do
  gzip -9 -k -f "$file"
  brotli -f -q "$level" -o "$file.br" "$file"
done
echo "$name" > "$site/pkg/current"
# Keep the bundles of the last three builds (pages still open in a browser may need them).
for old in $(ls -t "$site"/pkg/mitsprache-*.css 2>/dev/null | tail -n +4); do
  rm -f "${old%.css}".* "${old%.css}"_bg.*
done
rm -f "$site"/pkg/mitsprache.js "$site"/pkg/mitsprache_bg.wasm "$site"/pkg/mitsprache.css
if [ -d public ] && [ -n "$(ls -A public)" ]; then cp -r public/. "$site/"; fi

echo "==> building the server ($mode)"
cargo build -p server --bin server "${server_flags[@]}"

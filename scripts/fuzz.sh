#!/usr/bin/env bash
# Fuzzes the functions that take arbitrary user text: Markdown rendering + sanitising, the word
# diff, the readability score, and the import of uploaded Word/ODT/Markdown files. Each target runs for SECONDS (default 60); a crash fails the
# script and leaves its input under fuzz/artifacts/<target>/ — add it as a regression test.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(markdown diff readability docx_import)
fi

scripts/install-tools.sh --fuzz

cd fuzz
for target in "${targets[@]}"; do
  printf '\033[1m==> fuzzing %s for %s s\033[0m\n' "$target" "$seconds"
  mkdir -p "corpus/$target"
  # -max_len keeps inputs at the size of a real section; -timeout flags inputs that take
  # seconds (a quadratic blow-up is a bug too, not only a crash).
  seeds=(); [ -d "seeds/$target" ] && seeds=("seeds/$target")
  # No sanitizer: the code under test is safe Rust, so ASan finds nothing a panic would not,
  # and without it the build takes half the time. Panics and timeouts still count as crashes.
  cargo +nightly fuzz run --sanitizer none "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done

#!/usr/bin/env bash
# Runs every fuzz target for RUNS executions (default 1,000,000) on the
# stable toolchain, with debug assertions on, at the lowest priority.
#
#   bash fuzz/run.sh [RUNS] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The corpus starts from the
# project's own fixtures and examples (fuzz/corpus/, not committed); a
# crash is written to fuzz/artifacts/TARGET/ and stops that target. Each
# target's last line of statistics (executions, coverage) is printed.
set -euo pipefail
cd "$(dirname "$0")"

runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tokenizer claims check)

# Seeds: each fixture as plain text (first byte 0) and Markdown (1); for
# `check`, each draft fixture, a 0xFF byte, and a fixture source.
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
done
i=0
for file in ../tests/fixtures/*/*.md ../tests/fixtures/*/*.txt ../examples/*.md ../seeds/*.txt; do
  i=$((i + 1))
  for target in tokenizer claims; do
    if [ -d "corpus/$target" ]; then
      { printf '\001'; cat "$file"; } >"corpus/$target/seed-$i-md"
      { printf '\000'; cat "$file"; } >"corpus/$target/seed-$i-txt"
    fi
  done
  if [ -d corpus/check ]; then
    for source in ../tests/fixtures/sources/*.txt; do
      { printf '\001'; cat "$file"; printf '\377'; cat "$source"; } \
        >"corpus/check/seed-$i-$(basename "$source")"
    done
  fi
done

nice -n 19 cargo fuzz build -s none --debug-assertions
for target in "${targets[@]}"; do
  log="$target.log"
  nice -n 19 cargo fuzz run -s none --debug-assertions "$target" -- \
    -runs="$runs" -max_len=16384 -timeout=30 -rss_limit_mb=4096 >"$log" 2>&1 || true
  echo "$target: $(grep -E '^(#[0-9]+|Done)' "$log" | tail -n 2 | tr '\n' ' ')"
  if ls "artifacts/$target"/crash-* >/dev/null 2>&1; then
    echo "$target: crashes in fuzz/artifacts/$target/"
  fi
done

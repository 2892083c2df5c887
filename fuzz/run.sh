#!/usr/bin/env bash
# Runs every fuzz target for RUNS executions (default 1,000,000) on the
# stable toolchain, with debug assertions on, at the lowest priority, one
# target at a time.
#
#   bash fuzz/run.sh [RUNS] [TARGET...]
#   FUZZ_SECONDS=600 bash fuzz/run.sh -1 claims   # ten minutes instead
#   FUZZ_FLAGS=--no-trace-compares bash fuzz/run.sh 1000000 check
#
# FUZZ_FLAGS are passed to `cargo fuzz build` and `cargo fuzz run`:
# `--no-trace-compares` doubles the throughput of `check` (about 100
# executions a second on one core instead of 50: each runs the whole
# checker twice and renders four reports), at the cost of coverage hints
# from comparisons. The checker's own parallelism is turned off
# (RAYON_NUM_THREADS=1), so that several campaigns can share the cores.
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The corpus starts from the
# project's own fixtures, examples and seeds, and for `diff_lines` from the
# patches of the repository's last commits (fuzz/corpus/, not committed).
# Each input may take 10 s and 2 GiB at most; each new slowest input over
# a second is written to fuzz/artifacts/TARGET/slow-unit-* (a hint of time
# worse than linear), a crash, timeout or out-of-memory to crash-*,
# timeout-*, oom-*, which stops that target. Each target's last line of statistics
# (executions, coverage) is printed, and its log kept in fuzz/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")"

runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tokenizer claims check lsp_positions lsp_framing diff_lines front_matter)

# Seeds. `tokenizer`, `claims`: each text as plain text (first byte 0) and
# Markdown (1). `check`: each text as a draft, a 0xFF byte, and a fixture
# source. `lsp_positions`: each encoding, a few positions, 0xFF, a text.
# `front_matter`: each Markdown text. `diff_lines`: real patches.
# `lsp_framing`: a buffer size, then a few messages well and badly framed.
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
done
i=0
while IFS= read -r -d '' file; do
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
  if [ -d corpus/lsp_positions ]; then
    for encoding in 0 1 2; do
      # (line 0, column 3), (line 2, column 1), (line 1, column 2^32-1).
      { printf "\\00$encoding"
        printf '\000\000\000\000\003\000\000\000\002\000\000\000\001\000\000\000'
        printf '\001\000\000\000\377\377\377\377\377'
        cat "$file"; } >"corpus/lsp_positions/seed-$i-$encoding"
    done
  fi
  if [ -d corpus/front_matter ] && [[ $file == *.md ]]; then
    cp "$file" "corpus/front_matter/seed-$i"
  fi
done < <(find ../tests/fixtures ../examples ../seeds -type f \
  \( -name '*.md' -o -name '*.txt' \) -print0 | sort -z)
if [ -d corpus/lsp_framing ]; then
  body='{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{}}'
  n=${#body}
  printf '\010Content-Length: %d\r\n\r\n%s' "$n" "$body" >corpus/lsp_framing/seed-framed
  printf '\001Content-Type: x\r\n\r\n%s' "$body" >corpus/lsp_framing/seed-no-length
  printf '\077Content-Length: %d\r\n\r\n%s' "$((n + 40))" "$body" >corpus/lsp_framing/seed-past
  printf '\003Content-Length: 1000000000000\r\n\r\n%s' "$body" >corpus/lsp_framing/seed-huge
  printf '\020Content-Length: %d\r\n\r\n[1, 2]{' 6 >corpus/lsp_framing/seed-not-object
fi
if [ -d corpus/diff_lines ]; then
  for n in $(seq 0 19); do
    git -c core.quotePath=false log -p --unified=0 --format= --skip="$n" -n 1 \
      2>/dev/null | head -c 16384 >"corpus/diff_lines/seed-$n" || true
  done
fi

export RAYON_NUM_THREADS=1
# shellcheck disable=SC2086 # FUZZ_FLAGS holds several flags, or none
nice -n 19 cargo fuzz build -s none --debug-assertions ${FUZZ_FLAGS:-}
for target in "${targets[@]}"; do
  log="$target.log"
  # shellcheck disable=SC2086
  nice -n 19 cargo fuzz run -s none --debug-assertions ${FUZZ_FLAGS:-} "$target" -- \
    -runs="$runs" -max_total_time="${FUZZ_SECONDS:-0}" -max_len=16384 \
    -timeout=10 -rss_limit_mb=2048 -report_slow_units=1 \
    -print_final_stats=1 >"$log" 2>&1 || true
  echo "$target: $(grep -E '^(#[0-9]+|Done)' "$log" | tail -n 2 | tr '\n' ' ')"
  for kind in crash timeout oom slow-unit; do
    if ls "artifacts/$target/$kind"-* >/dev/null 2>&1; then
      echo "$target: $kind inputs in fuzz/artifacts/$target/"
    fi
  done
done

#!/usr/bin/env bash
# Times `claimtrace sentences` on large and adversarial inputs, to show that
# time and memory stay linear in the input size.
#
#   bash bench/large-inputs.sh [SIZE_MB]     (default 100)
#
# Inputs (built in a temporary folder from the seed article):
#   prose       SIZE_MB of news paragraphs
#   paragraph   the same prose as one enormous paragraph (no line breaks)
#   no-stops    a 10 MB line of words without any punctuation
#   stops       10 MB of ". " runs: a candidate boundary every two bytes
#   short       10 MB of three-word sentences: output-bound
#   half        half of `prose`, to compare against the full size
# For each: wall time, MB/s and peak memory (maximum resident set size).
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${1:-100}
cargo build --release --quiet
bin=target/release/claimtrace
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seed=seeds/india-eu-security-defence.txt
python3 - "$work" "$seed" "$size_mb" <<'PY'
import sys
work, seed, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(seed, encoding="utf-8").read().strip() + "\n\n"
target = size_mb * 1_000_000
reps = target // len(text.encode()) + 1
prose = text * reps
open(f"{work}/prose.txt", "w", encoding="utf-8").write(prose)
open(f"{work}/half.txt", "w", encoding="utf-8").write(text * (reps // 2))
open(f"{work}/paragraph.txt", "w", encoding="utf-8").write(prose.replace("\n", " "))
words = "security defence partnership india union summit "
open(f"{work}/no-stops.txt", "w").write(words * (10_000_000 // len(words)))
open(f"{work}/stops.txt", "w").write(". " * 5_000_000)
open(f"{work}/short.txt", "w").write("Go now. " * 1_250_000)
PY

printf '%-10s %10s %9s %9s %10s\n' input MB seconds MB/s max-RSS-MB
for name in prose half paragraph no-stops stops short; do
  file="$work/$name.txt"
  bytes=$(stat -c %s "$file")
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" sentences "$file" --format json >/dev/null
  read -r seconds rss_kb <"$work/time"
  awk -v n="$name" -v b="$bytes" -v s="$seconds" -v r="$rss_kb" \
    'BEGIN { printf "%-10s %10.1f %9.2f %9.1f %10.1f\n", n, b/1e6, s, (s > 0 ? b/1e6/s : 0), r/1024 }'
done

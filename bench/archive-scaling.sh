#!/usr/bin/env bash
# Sources at scale (issue 22): build an archive of real news of SIZE
# (default 1G), index it, update it after changing 100 files, and check one
# short draft against it.
#
#   bash bench/archive-scaling.sh [SIZE ...]          e.g. 250M 1G 4G
#   CLAIMTRACE_BIN=path bash bench/archive-scaling.sh
#   WORK=/tmp/claimtrace-archive bash bench/archive-scaling.sh
#
# The archive is the 840 PolNeAR articles beside the project
# (../shared/corpora/polnear-train.jsonl.gz), written again and again as
# separate files with small changes (bench/make-archive.py), under WORK
# (default /tmp/claimtrace-archive-bench), never in the repository; it is
# removed at the end unless KEEP=1. Without the corpus the script says so
# and exits 0.
#
# For each size it prints, with the command behind each figure:
#   - index: wall time, CPU time, peak memory, and the index's size against
#     the archive's (`claimtrace index idx --archive archive`);
#   - update: 100 files changed (a sentence added to each), then
#     `claimtrace index update idx`: wall time, peak memory;
#   - check: one short draft (three sentences retelling two articles, one
#     figure changed) with `claimtrace check draft.md --index idx`: wall
#     time and peak memory, best of 5 runs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus="$root/../shared/corpora/polnear-train.jsonl.gz"
if [ ! -f "$corpus" ]; then
  echo "no corpus at $corpus: nothing to measure"
  exit 0
fi
bin=${CLAIMTRACE_BIN:-}
if [ -z "$bin" ]; then
  (cd "$root" && cargo build --release --quiet)
  bin="$root/target/release/claimtrace"
fi
work=${WORK:-/tmp/claimtrace-archive-bench}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1G)

# Runs a command under /usr/bin/time -v; prints "wall_s cpu_s peak_mb".
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 }
    /Maximum resident set size/ { peak = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", wall, user + sys, peak }' "$log"
  rm -f "$log"
}

for size in "${sizes[@]}"; do
  rm -rf "$work"
  mkdir -p "$work"
  : > "$work/claimtrace.toml"
  echo "== archive of $size"
  python3 "$here/make-archive.py" "$work/archive" --bytes "$size"
  archive_bytes=$(du -sb "$work/archive" | cut -f1)
  cd "$work"
  read -r wall cpu peak < <(measure "$bin" index idx --archive archive)
  index_bytes=$(du -sb idx | cut -f1)
  echo "index:  ${wall} s wall, ${cpu} s CPU, ${peak} MB peak; index $((index_bytes >> 20)) MB for $((archive_bytes >> 20)) MB of archive ($(awk "BEGIN { printf \"%.2f\", $index_bytes / $archive_bytes }")×)   [claimtrace index idx --archive archive]"
  # 100 files changed: a sentence added to each.
  mapfile -t files < <(find archive -name '*.txt' | sort)
  for f in "${files[@]:0:100}"; do
    printf '\nThe archive copy was corrected on Friday.\n' >> "$f"
  done
  read -r wall cpu peak < <(measure "$bin" index update idx)
  echo "update: ${wall} s wall, ${cpu} s CPU, ${peak} MB peak after changing 100 files   [claimtrace index update idx]"
  # One short draft retelling two articles of the corpus, one figure changed.
  python3 - "$corpus" > draft.md <<'PY'
import gzip, json, re, sys
records = [json.loads(line) for line in gzip.open(sys.argv[1], "rt", encoding="utf-8")]
sentences = []
for record in (records[10], records[400]):
    text = record["text"]
    parts = [s for s in re.split(r"(?<=[.!?])\s+", text) if 60 < len(s) < 300 and '"' not in s]
    sentences.extend(parts[1:3])
draft = " ".join(sentences[:3])
draft = re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + 1), draft, count=1)
print(draft)
PY
  best=""
  for _ in 1 2 3 4 5; do
    read -r wall cpu peak < <(measure "$bin" check draft.md --index idx --fail-on never)
    if [ -z "$best" ] || awk "BEGIN { exit !($wall < ${best%% *}) }"; then best="$wall $peak"; fi
  done
  echo "check:  ${best%% *} s wall, ${best##* } MB peak (best of 5), one draft of $(wc -w < draft.md) words   [claimtrace check draft.md --index idx]"
  cd "$root"
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
done

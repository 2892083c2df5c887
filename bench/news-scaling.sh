#!/usr/bin/env bash
# The speed-and-memory table of real news, in one run: is `claims` linear
# and near the tokenizer's speed, and does `check` stay within time and
# memory against an archive of many files or one large file?
#
#   bash bench/news-scaling.sh            (builds the release binary)
#   CLAIMTRACE_BIN=path bash bench/news-scaling.sh   (times that binary)
#   BIG_DRAFT_MB=0 bash bench/news-scaling.sh        (skips the big draft)
#
# The news is the 840 articles of the PolNeAR corpus kept beside the
# project (../shared/corpora/polnear-train.jsonl.gz), joined with blank
# lines, 3.9 MB, and repeated 4 and 8 times. The corpus is third-party
# text: it is read into a temporary folder here and never copied into the
# repository. Without it the script says so and exits 0.
#
# It prints:
#   - `sentences` and `claims` on the same news at 1×, 4× and 8×: time,
#     MB/s, peak memory, and the ratios the issue sets (8× over 1× time,
#     claims over sentences); and `claims` on the first 1 and 2 MB of the
#     articles, where more text names more people (repeating the news
#     names the same people again);
#   - `check` of one short draft (a few sentences of three articles, one
#     figure and one word changed) against the articles as separate files
#     (an archive of 840, 3,360 and 6,720 files) and as one file of the
#     same text: time, MB/s of sources, peak memory, and the memory limit
#     the issue sets (4 × the sources + 100 MB);
#   - the long-sentence guard: N/8 draft sentences copied from one source
#     sentence of N words, at N and 4 × N (time and audit must grow about
#     4×);
#   - a BIG_DRAFT_MB (default 100) draft of that news checked against one
#     article;
#   - start-up: `claims` of an empty file and of a one-sentence file, the
#     mean of 50 runs each.
# Times are wall-clock, one run each: on a shared machine, repeat at a
# quiet moment before trusting a small difference.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=../shared/corpora/polnear-train.jsonl.gz
if [ ! -f "$corpus" ]; then
  echo "bench/news-scaling.sh: no corpus at $corpus; nothing to measure." >&2
  exit 0
fi
if [ -n "${CLAIMTRACE_BIN:-}" ]; then
  bin=$CLAIMTRACE_BIN
else
  cargo build --release --quiet
  bin=target/release/claimtrace
fi
big_mb=${BIG_DRAFT_MB:-100}
guard=${GUARD_WORDS:-16000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$corpus" "$big_mb" "$guard" seeds/india-eu-security-defence.txt <<'PY'
import gzip, json, os, re, sys
work, corpus, big_mb, guard, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    articles = [json.loads(line)["text"].strip() for line in f]
news = "\n\n".join(articles) + "\n"
for n in (1, 4, 8):
    open(f"{work}/news-{n}.txt", "w", encoding="utf-8").write(news * n)
    folder = f"{work}/archive-{n}"
    os.makedirs(folder)
    for copy in range(n):
        for i, text in enumerate(articles):
            open(f"{folder}/a{i:04}-{copy}.txt", "w", encoding="utf-8").write(text + "\n")
# The first articles, to about 1 and 2 MB: more text here means more
# people named, not the same people again.
for mb in (1, 2):
    kept, size = [], 0
    for text in articles:
        if size >= mb * 1_000_000:
            break
        kept.append(text)
        size += len(text.encode()) + 2
    open(f"{work}/first-{mb}mb.txt", "w", encoding="utf-8").write("\n\n".join(kept) + "\n")
# A short draft: two sentences of each of three articles, with a figure
# and a word changed so that the check has something to find.
parts = []
for i in (3, 300, 600):
    sentences = re.split(r"(?<=[.!?])\s+", articles[i])
    parts.append(" ".join(sentences[1:3]))
draft = "\n\n".join(parts)
draft = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), draft, count=1).replace(" the ", " a ", 1)
open(f"{work}/draft.md", "w", encoding="utf-8").write(draft + "\n")
if big_mb:
    open(f"{work}/big-draft.md", "w", encoding="utf-8").write(news * (big_mb * 1_000_000 // len(news.encode()) + 1))
    open(f"{work}/big-source.txt", "w", encoding="utf-8").write(articles[0] + "\n")
# The long-sentence shape (as in bench/large-inputs.sh): draft sentences of
# eight words copied in order from one source sentence without stops.
text = open(seed, encoding="utf-8").read()
seed_words = re.sub(r"[.!?]", "", text).split()
for n in (guard, 4 * guard):
    words = (seed_words * (n // len(seed_words) + 1))[:n]
    open(f"{work}/giant-source-{n}.txt", "w", encoding="utf-8").write(" ".join(words) + ".\n")
    sentences = []
    for i in range(0, n - 7, 8):
        s = " ".join(words[i:i + 8])
        sentences.append(s[0].upper() + s[1:] + ".")
    open(f"{work}/giant-{n}.md", "w", encoding="utf-8").write(" ".join(sentences) + "\n")
PY

# Runs the binary with the given arguments, and sets `seconds` (wall),
# `cpu` (user + system seconds: steadier than wall time on a busy machine),
# `rss` (peak, MB) and `out` (bytes written). Exit status 1 (findings) is
# expected.
measure() {
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$bin" "$@" >"$work/out" || [ $? -eq 1 ]
  read -r seconds rss_kb user system < <(tail -n 1 "$work/time")
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
  rss=$(awk -v r="$rss_kb" 'BEGIN { printf "%.1f", r/1024 }')
  out=$(stat -c %s "$work/out")
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b/1e6 }'; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b/1e6/s : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a/b : 0) }'; }

echo "## sentences and claims on real news"
printf '%-10s %-7s %7s %8s %8s %8s %11s\n' command input MB seconds cpu-s MB/s max-RSS-MB
declare -A took cpu_took
for command in sentences claims; do
  for n in 1 4 8; do
    file="$work/news-$n.txt"
    bytes=$(stat -c %s "$file")
    measure "$command" "$file" --format json
    took[$command-$n]=$seconds
    cpu_took[$command-$n]=$cpu
    printf '%-10s %-7s %7s %8s %8s %8s %11s\n' "$command" "${n}x" "$(mb "$bytes")" "$seconds" "$cpu" "$(rate "$bytes" "$seconds")" "$rss"
  done
done
for clock in wall cpu; do
  if [ "$clock" = wall ]; then
    declare -n t=took
  else
    declare -n t=cpu_took
  fi
  printf '%s time: claims 8x/1x %s (at most 9); claims/sentences at 1x %s, 4x %s, 8x %s (at most 3)\n' "$clock" \
    "$(ratio "${t[claims-8]}" "${t[claims-1]}")" \
    "$(ratio "${t[claims-1]}" "${t[sentences-1]}")" \
    "$(ratio "${t[claims-4]}" "${t[sentences-4]}")" \
    "$(ratio "${t[claims-8]}" "${t[sentences-8]}")"
  unset -n t
done

echo
echo "## claims on the first articles: more people named as the text grows"
printf '%-10s %-7s %7s %8s %8s %8s %11s\n' command input MB seconds cpu-s MB/s max-RSS-MB
for name in first-1mb first-2mb news-1; do
  file="$work/$name.txt"
  bytes=$(stat -c %s "$file")
  measure claims "$file" --format json
  printf '%-10s %-9s %5s %8s %8s %8s %11s\n' claims "$name" "$(mb "$bytes")" "$seconds" "$cpu" "$(rate "$bytes" "$seconds")" "$rss"
done

echo
echo "## check of a short draft against the news as separate files and as one file"
printf '%-22s %7s %8s %8s %8s %11s %10s\n' sources MB seconds cpu-s MB/s max-RSS-MB limit-MB
for n in 1 4 8; do
  bytes=$(stat -c %s "$work/news-$n.txt")
  for shape in archive one-file; do
    if [ "$shape" = archive ]; then
      source="$work/archive-$n"
      label="$n× as $(find "$source" -type f | wc -l) files"
    else
      source="$work/news-$n.txt"
      label="$n× as one file"
    fi
    measure check "$work/draft.md" --source "$source" --format json
    printf '%-22s %7s %8s %8s %8s %11s %10s\n' "$label" "$(mb "$bytes")" "$seconds" "$cpu" "$(rate "$bytes" "$seconds")" "$rss" \
      "$(awk -v b="$bytes" 'BEGIN { printf "%.0f", 4*b/1048576 + 100 }')"
  done
done

echo
echo "## the long-sentence guard: N/8 draft sentences from one source sentence of N words"
printf '%-8s %8s %8s %11s %10s\n' N seconds cpu-s max-RSS-MB audit-MB
for n in "$guard" "$((4 * guard))"; do
  measure check "$work/giant-$n.md" --source "$work/giant-source-$n.txt" --format json
  printf '%-8s %8s %8s %11s %10s\n' "$n" "$seconds" "$cpu" "$rss" "$(mb "$out")"
done

if [ "$big_mb" != 0 ]; then
  echo
  echo "## a ${big_mb} MB draft of that news against one article"
  bytes=$(stat -c %s "$work/big-draft.md")
  measure check "$work/big-draft.md" --source "$work/big-source.txt" --format json
  printf 'MB %s  seconds %s  cpu-s %s  MB/s %s  max-RSS-MB %s  audit-MB %s\n' "$(mb "$bytes")" "$seconds" "$cpu" "$(rate "$bytes" "$seconds")" "$rss" "$(mb "$out")"
fi

echo
echo "## start-up: claims of an empty file, and of one sentence, mean of 50 runs"
# The empty file is the fixed cost of a run (no rules are compiled for no
# text); the sentence adds compiling the rules it needs and their NFAs.
: >"$work/empty.txt"
echo "Singh said on Tuesday that the talks had gone well." >"$work/one-sentence.txt"
python3 - "$bin" "$work/empty.txt" "$work/one-sentence.txt" <<'PY'
import subprocess, sys, time
binary = sys.argv[1]
for name in sys.argv[2:]:
    subprocess.run([binary, "claims", name, "--format", "json"], capture_output=True)
    runs = []
    for _ in range(50):
        start = time.perf_counter()
        subprocess.run([binary, "claims", name, "--format", "json"], capture_output=True)
        runs.append(time.perf_counter() - start)
    runs.sort()
    label = name.rsplit("/", 1)[-1]
    print(f"{label:18} mean {sum(runs) / len(runs) * 1000:.1f} ms, median {runs[len(runs) // 2] * 1000:.1f} ms, fastest {runs[0] * 1000:.1f} ms")
PY

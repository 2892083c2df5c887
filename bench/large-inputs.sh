#!/usr/bin/env bash
# Times `claimtrace sentences` and `claimtrace claims` on large and
# adversarial inputs, to show that time and memory stay linear in the input.
#
#   bash bench/large-inputs.sh [SIZE_MB]     (default 100)
#
# Inputs (built in a temporary folder from the seed article):
#   prose         SIZE_MB of news paragraphs (sentences only; claims get a
#                 tenth of it, prose-10)
#   half          half of `prose`, to compare against the full size
#   paragraph     the same prose as one enormous paragraph
#   no-stops      a 10 MB line of words without any punctuation
#   stops         10 MB of ". " runs
#   short         10 MB of three-word sentences: output-bound
#   unterminated  a 10 MB article opening with a quotation mark never closed
#   long-sentence a 1 MB sentence with 30,000 reporting verbs
#   quote-marks   100,000 quotations in one line
# and, for `check` against the seed article in every output format (human,
# json, sarif, github), dense lines where every claim is a finding:
#   quotes-N      N quoted sentences on one line, each quotation invented
#   figures-N     one sentence on one line giving N figures no source gives
#   footnotes-N   a Markdown line of N sentences each citing its own footnote
#                 (a web address: an unverifiable-citation finding each)
# at N = DENSE and 4 × DENSE (default 4,000; the second argument); and
#   giant-N       N/8 sentences of eight words each, copied in order from one
#                 source sentence of N words (the seed's words without
#                 sentence ends, repeated: a transcript, a list), checked
#                 against that sentence, at N = 4 × DENSE and 16 × DENSE words
# Time must grow about 4×, not 16×.
# For each: wall time, MB/s and peak memory (maximum resident set size);
# for `check`, the size of its output too.
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${1:-100}
dense=${2:-4000}
cargo build --release --quiet
bin=target/release/claimtrace
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seed=seeds/india-eu-security-defence.txt
python3 - "$work" "$seed" "$size_mb" "$dense" <<'PY'
import sys
work, seed, size_mb, dense = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
text = open(seed, encoding="utf-8").read().strip() + "\n\n"
def write(name, body):
    open(f"{work}/{name}.txt", "w", encoding="utf-8").write(body)
reps = size_mb * 1_000_000 // len(text.encode()) + 1
prose = text * reps
write("prose", prose)
write("half", text * (reps // 2))
write("prose-10", text * (reps // 10))
write("paragraph", prose.replace("\n", " "))
words = "security defence partnership india union summit "
write("no-stops", words * (10_000_000 // len(words)))
write("stops", ". " * 5_000_000)
write("short", "Go now. " * 1_250_000)
write("unterminated", "“" + text * (10_000_000 // len(text.encode())))
write("long-sentence", "the defence minister said that " * 33_000 + ".")
write("quote-marks", "“a” " * 100_000)
for n in (dense, 4 * dense):
    write(f"quotes-{n}", "".join(f"“The talks went well {i},” Singh said. " for i in range(n)) + "\n")
    write(f"figures-{n}", "The fund gave " + ", ".join(f"€{i + 7} billion" for i in range(n)) + ".\n")
    refs = " ".join(f"The talks went well {i}.[^n{i}]" for i in range(n))
    defs = "\n".join(f"[^n{i}]: https://example.com/{i}" for i in range(n))
    open(f"{work}/footnotes-{n}.md", "w", encoding="utf-8").write(refs + "\n\n" + defs + "\n")
import re
seed_words = re.sub(r"[.!?]", "", text).split()
for n in (4 * dense, 16 * dense):
    words = (seed_words * (n // len(seed_words) + 1))[:n]
    write(f"giant-source-{n}", " ".join(words) + ".\n")
    sentences = []
    for i in range(0, n - 7, 8):
        sentence = " ".join(words[i:i + 8])
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    open(f"{work}/giant-{n}.md", "w", encoding="utf-8").write(" ".join(sentences) + "\n")
PY

run() {
  local command=$1 name=$2
  local file="$work/$name.txt"
  local bytes
  bytes=$(stat -c %s "$file")
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" "$command" "$file" --format json >/dev/null
  read -r seconds rss_kb <"$work/time"
  awk -v c="$command" -v n="$name" -v b="$bytes" -v s="$seconds" -v r="$rss_kb" \
    'BEGIN { printf "%-12s %-18s %9.1f %8.2f %9.1f %11.1f\n", c, n, b/1e6, s, (s > 0 ? b/1e6/s : 0), r/1024 }'
}

printf '%-12s %-18s %9s %8s %9s %11s %9s\n' command input MB seconds MB/s max-RSS-MB output-MB
for name in prose half paragraph no-stops stops short; do
  run sentences "$name"
done
for name in prose-10 unterminated long-sentence quote-marks no-stops; do
  run claims "$name"
done

# check: the draft against a source (the seed unless given), in every
# format; MB counts the draft and the source.
check() {
  local name=$1 format=$2 source=${3:-$seed}
  local file="$work/$name"
  local bytes
  bytes=$(($(stat -c %s "$file") + $(stat -c %s "$source")))
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" check "$file" --source "$source" \
    --format "$format" --fail-on never >"$work/out"
  read -r seconds rss_kb <"$work/time"
  awk -v c="check-$format" -v n="$name" -v b="$bytes" -v s="$seconds" -v r="$rss_kb" \
    -v o="$(stat -c %s "$work/out")" \
    'BEGIN { printf "%-12s %-18s %9.1f %8.2f %9.1f %11.1f %9.1f\n", c, n, b/1e6, s, (s > 0 ? b/1e6/s : 0), r/1024, o/1e6 }'
  rm -f "$work/out"
}
for format in human json sarif github; do
  for kind in quotes figures footnotes; do
    extension=txt
    [ "$kind" = footnotes ] && extension=md
    for n in "$dense" "$((4 * dense))"; do
      check "$kind-$n.$extension" "$format"
    done
  done
  for n in "$((4 * dense))" "$((16 * dense))"; do
    check "giant-$n.md" "$format" "$work/giant-source-$n.txt"
  done
done

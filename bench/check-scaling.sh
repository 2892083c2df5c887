#!/usr/bin/env bash
# Times `claimtrace check` on 100 drafts against 100 and against 1,000
# sources, to show that time grows with the total bytes read, not with
# drafts × sources.
#
#   bash bench/check-scaling.sh
#
# Sources are built from the seed article with its names, places and
# figures varied, so that no two are alike; each draft retells sentences
# of a few sources, some with a word or figure changed.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
bin=target/release/claimtrace
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" seeds/india-eu-security-defence.txt <<'PY'
import os, random, re, sys
work, seed = sys.argv[1], sys.argv[2]
random.seed(7)
text = open(seed, encoding="utf-8").read()
paragraphs = [p for p in text.split("\n\n") if p.strip()]
surnames = ["Singh", "Kallas", "Misri", "Modi", "Jaishankar"]
first = ["Asha", "Jonas", "Lena", "Tom", "Maria", "Karl", "Priya", "Omar", "Sara", "Dev", "Rita", "Mira", "Ivo", "Chen", "Hana", "Tariq"]
last = ["Verma", "Berg", "Holt", "Reyes", "Lopez", "Mertens", "Nair", "Haddad", "Kim", "Anand", "Sen", "Das", "Petrov", "Wu", "Sato", "Aziz"]
def vary(paragraph, i):
    out = paragraph
    for s in surnames:
        out = out.replace(s, random.choice(last) + str(i % 97))
    out = re.sub(r"\d+", lambda m: str(random.randint(2, 900)), out)
    return out
def make_sources(n, folder):
    os.makedirs(folder, exist_ok=True)
    docs = []
    for i in range(n):
        body = "\n\n".join(vary(p, i) for p in random.sample(paragraphs, 8))
        docs.append(body)
        open(f"{folder}/source-{i:04}.txt", "w", encoding="utf-8").write(body)
    return docs
def make_drafts(docs, folder):
    os.makedirs(folder, exist_ok=True)
    for i in range(100):
        parts = []
        for _ in range(4):
            paragraph = random.choice(random.choice(docs).split("\n\n"))
            if random.random() < 0.3:
                paragraph = paragraph.replace(" the ", " a ", 1)
            parts.append(paragraph)
        open(f"{folder}/draft-{i:03}.md", "w", encoding="utf-8").write("\n\n".join(parts))
for n in (100, 1000):
    docs = make_sources(n, f"{work}/sources-{n}")
    make_drafts(docs[:100], f"{work}/drafts-{n}")
PY

printf '%-9s %-7s %10s %8s %11s\n' sources drafts MB seconds max-RSS-MB
for n in 100 1000; do
  bytes=$(du -cb "$work/sources-$n" "$work/drafts-$n" | tail -1 | cut -f1)
  # Exit status 1 (findings) is expected: the drafts hold errors on purpose.
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" check "$work/drafts-$n" --source "$work/sources-$n" --format json >/dev/null || [ $? -eq 1 ]
  # GNU time writes "Command exited with non-zero status 1" first.
  read -r seconds rss_kb < <(tail -n 1 "$work/time")
  awk -v n="$n" -v b="$bytes" -v s="$seconds" -v r="$rss_kb" \
    'BEGIN { printf "%-9s %-7s %10.1f %8.2f %11.1f\n", n, 100, b/1e6, s, r/1024 }'
done

# A publication repository: 1,000 drafts, each declaring two of 500 sources
# in its front matter, checked by folder. %CPU above 100 shows both cores at
# work.
python3 - "$work" <<'PY'
import os, random, sys
work = sys.argv[1]
random.seed(11)
repo = f"{work}/repo"
os.makedirs(f"{repo}/drafts", exist_ok=True)
os.makedirs(f"{repo}/sources", exist_ok=True)
open(f"{repo}/claimtrace.toml", "w").write('drafts = "drafts/*.md"\n')
sources = sorted(os.listdir(f"{work}/sources-1000"))[:500]
for name in sources:
    os.link(f"{work}/sources-1000/{name}", f"{repo}/sources/{name}")
for i in range(1000):
    picked = random.sample(sources, 2)
    body = open(f"{repo}/sources/{picked[0]}", encoding="utf-8").read().split("\n\n")
    text = "---\nsources: [" + ", ".join(f"../sources/{p}" for p in picked) + "]\n---\n\n" + "\n\n".join(random.sample(body, 3))
    open(f"{repo}/drafts/draft-{i:04}.md", "w", encoding="utf-8").write(text)
PY
bytes=$(du -cb "$work/repo/drafts" "$work/repo/sources" | tail -1 | cut -f1)
(cd "$work/repo" && /usr/bin/time -f "%e %M %P" -o "$work/time" "$OLDPWD/$bin" check --format json >/dev/null) || [ $? -eq 1 ]
read -r seconds rss_kb cpu < <(tail -n 1 "$work/time")
printf '\n%-28s %10s %8s %11s %6s\n' "1,000 drafts, own sources" MB seconds max-RSS-MB CPU
awk -v b="$bytes" -v s="$seconds" -v r="$rss_kb" -v c="$cpu" \
  'BEGIN { printf "%-28s %10.1f %8.2f %11.1f %6s\n", "", b/1e6, s, r/1024, c }'

#!/usr/bin/env bash
# The HTML report of 1,000 drafts: how long claimtrace takes to write it,
# how big it is, and how it behaves in headless Chromium (open, longest
# main-thread task, filter, jump to a finding; see benches/html_report.rs).
#
#   bash bench/html-report.sh
#
# The drafts are made as in bench/check-scaling.sh: sources built from the
# seed article with names and figures varied, each draft retelling three
# paragraphs of two sources it declares, some with a word or figure changed.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
bin=$PWD/target/release/claimtrace
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" seeds/india-eu-security-defence.txt <<'PY'
import os, random, re, sys
work, seed = sys.argv[1], sys.argv[2]
random.seed(13)
text = open(seed, encoding="utf-8").read()
paragraphs = [p for p in text.split("\n\n") if p.strip()]
surnames = ["Singh", "Kallas", "Misri", "Modi", "Jaishankar"]
last = ["Verma", "Berg", "Holt", "Reyes", "Lopez", "Mertens", "Nair", "Haddad", "Kim", "Anand", "Sen", "Das", "Petrov", "Wu", "Sato", "Aziz"]
def vary(paragraph, i):
    out = paragraph
    for s in surnames:
        out = out.replace(s, random.choice(last) + str(i % 97))
    return re.sub(r"\d+", lambda m: str(random.randint(2, 900)), out)
repo = f"{work}/repo"
os.makedirs(f"{repo}/sources")
os.makedirs(f"{repo}/drafts")
open(f"{repo}/claimtrace.toml", "w").write('drafts = "drafts/*.md"\n')
names = []
for i in range(500):
    body = "\n\n".join(vary(p, i) for p in random.sample(paragraphs, 8))
    name = f"source-{i:03}.txt"
    open(f"{repo}/sources/{name}", "w", encoding="utf-8").write(body)
    names.append(name)
for i in range(1000):
    picked = random.sample(names, 2)
    parts = []
    for name in picked + [picked[0]]:
        paragraph = random.choice(open(f"{repo}/sources/{name}", encoding="utf-8").read().split("\n\n"))
        if random.random() < 0.3:
            paragraph = paragraph.replace(" the ", " a ", 1)
        if random.random() < 0.2:
            paragraph = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), paragraph, count=1)
        parts.append(paragraph)
    front = "---\nsources: [" + ", ".join(f"../sources/{p}" for p in picked) + "]\n---\n\n"
    open(f"{repo}/drafts/draft-{i:04}.md", "w", encoding="utf-8").write(front + "\n\n".join(parts))
PY

# Exit status 1 (findings) is expected: the drafts hold errors on purpose.
(cd "$work/repo" && /usr/bin/time -f "%e %M" -o "$work/time" "$bin" check --format html --output report.html) || [ $? -eq 1 ]
read -r seconds rss_kb < <(tail -n 1 "$work/time")
printf 'claimtrace check --format html, 1,000 drafts: %s s, max RSS %.0f MB\n' "$seconds" "$(echo "$rss_kb / 1024" | bc -l)"
CLAIMTRACE_HTML_REPORT="$work/repo/report.html" cargo bench --quiet --bench html_report

#!/usr/bin/env bash
# The Spark example (examples/spark/claimtrace_spark.py) on local[2]: over
# drafts in several partitions, its audits are byte for byte those of one
# `claimtrace check --index ... --format json` over the same drafts, split
# per draft the same way; findings (exit status 1) do not fail a task, a
# draft that cannot be read (exit status 2) fails the job.
#
#   bash tests/spark.sh
#
# CLAIMTRACE_BIN: the binary (default target/debug/claimtrace, which
# `cargo test` builds; this script never compiles). CLAIMTRACE_SPARK_VENV:
# a Python environment with pyspark (default target/ci-spark, where .ci/run
# installs it). Without pyspark or Java the test skips, unless
# CLAIMTRACE_REQUIRE_SPARK=1, when it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started=$(date +%s)

bin=${CLAIMTRACE_BIN:-target/debug/claimtrace}
if [ ! -x "$bin" ]; then
  echo "tests/spark.sh: $bin is not there; run cargo test (or build) first, or set CLAIMTRACE_BIN" >&2
  exit 1
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
venv=${CLAIMTRACE_SPARK_VENV:-$repo/target/ci-spark}

skip() {
  if [ "${CLAIMTRACE_REQUIRE_SPARK:-}" = 1 ]; then
    echo "tests/spark.sh: $1" >&2
    exit 1
  fi
  echo "tests/spark.sh: warning: $1; the Spark test is skipped" >&2
  exit 0
}
[ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import pyspark' 2>/dev/null \
  || skip "pyspark is not installed in $venv"
command -v java >/dev/null 2>&1 || skip "java is not on PATH"

export PYSPARK_PYTHON="$venv/bin/python"
export PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_LOCAL_IP=127.0.0.1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Spark's own temporary files and each check's folder go under $work too.
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"

submit() {
  "$venv/bin/spark-submit" --master 'local[2]' \
    --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
    --conf spark.sql.shuffle.partitions=4 \
    --conf spark.driver.memory=512m --conf "spark.local.dir=$work/tmp" \
    "$@"
}

# The archive: the seed story and the stories and sources of the test
# fixtures, outside the drafts' folder (so that its files are named by
# absolute path in both runs).
mkdir -p "$work/archive/seeds" "$work/archive/trace"
cp seeds/*.txt "$work/archive/seeds/"
cp -R tests/fixtures/archive/stories "$work/archive/"
cp tests/fixtures/trace/sources/*.txt "$work/archive/trace/"
"$bin" index "$work/index" --archive "$work/archive" >/dev/null
tar -czf "$work/index.tar.gz" -C "$work/index" .
mkdir -p "$work/ship"
cp "$bin" "$work/ship/claimtrace"

# The drafts: the examples (but the one that names its sources by a
# relative path), the archive and trace fixtures' drafts, in folders (one
# with a space in its name), and one written with a byte order mark and
# CRLF line ends.
d="$work/drafts"
mkdir -p "$d/examples" "$d/archive briefs" "$d/trace/faithful" "$d/trace/erring" "$d/crlf"
for f in examples/*.md; do
  [ "$f" = examples/conflicting-sources.md ] || cp "$f" "$d/examples/"
done
cp tests/fixtures/archive/drafts/pier-brief.md tests/fixtures/archive/drafts/budget-wrong.md "$d/archive briefs/"
cp tests/fixtures/trace/faithful/*.md "$d/trace/faithful/"
cp tests/fixtures/trace/erring/*.md "$d/trace/erring/"
{ printf '\357\273\277'; sed 's/$/\r/' examples/misquote.md; } >"$d/crlf/misquote.txt"
count=$(find "$d" -type f | wc -l)

# The single-process run: one check of every draft, from the drafts'
# folder, by relative name. Findings give status 1; anything else fails.
(cd "$d" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$work/names"
mapfile -t names <"$work/names"
status=0
(cd "$d" && "$bin" check "${names[@]}" --index "$work/index" --format json) >"$work/single.json" || status=$?
if [ "$status" != 1 ]; then
  echo "tests/spark.sh: the single-process check exited $status, not 1 (findings)" >&2
  exit 1
fi

# The job over the folder, the binary and the index shipped by Spark
# (--files, --archives) and named by the names they are shipped under.
submit --files "$work/ship/claimtrace" --archives "$work/index.tar.gz#ctindex" \
  examples/spark/claimtrace_spark.py --drafts "$d" --partitions 3 --batch-size 4 \
  --claimtrace claimtrace --index ctindex --output "$work/from-folder.parquet" \
  >"$work/folder.log" 2>&1 || { tail -n 30 "$work/folder.log" >&2; exit 1; }

# The same drafts as Parquet (path and text columns), then the job over
# it, the binary and the index named by their paths on this machine.
"$venv/bin/python" - "$d" "$work/drafts.parquet" >"$work/make.log" 2>&1 <<'EOF' || { tail -n 30 "$work/make.log" >&2; exit 1; }
import os, sys
from pyspark.sql import SparkSession
root, out = sys.argv[1:]
rows = []
for folder, _, files in os.walk(root):
    for name in files:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            rows.append((os.path.relpath(path, root), f.read().decode("utf-8")))
spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
spark.createDataFrame(rows, "path string, text string").repartition(2).write.parquet(out)
spark.stop()
EOF
submit examples/spark/claimtrace_spark.py --drafts "$work/drafts.parquet" --partitions 2 \
  --claimtrace "$bin" --index "$work/index" --output "$work/from-parquet.parquet" \
  >"$work/parquet.log" 2>&1 || { tail -n 30 "$work/parquet.log" >&2; exit 1; }

# Compare: every draft once in each output, its audit the same bytes as
# its object in the single run, and more than one partition written.
"$venv/bin/python" - "$work" "$count" >"$work/compare.log" 2>&1 <<'EOF' || { tail -n 30 "$work/compare.log" >&2; exit 1; }
import glob, json, os, sys
sys.path.insert(0, "examples/spark")
from claimtrace_spark import split_audit
from pyspark.sql import SparkSession
work, count = sys.argv[1], int(sys.argv[2])
with open(os.path.join(work, "single.json"), encoding="utf-8") as f:
    version, drafts = split_audit(f.read())
expected = dict(drafts)
assert len(expected) == len(drafts) == count, f"the single run checked {len(drafts)} of {count} drafts"
spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate()
spark.sparkContext.setLogLevel("ERROR")
failed = False
for output in ("from-folder.parquet", "from-parquet.parquet"):
    at = os.path.join(work, output)
    parts = [p for p in glob.glob(os.path.join(at, "part-*.parquet")) if spark.read.parquet(p).count()]
    rows = spark.read.parquet(at).collect()
    got = {}
    for row in rows:
        if row.path in got:
            print(f"{output}: {row.path} twice", file=sys.stderr)
            failed = True
        got[row.path] = row.audit
        if row.version != version:
            print(f"{output}: {row.path}: version {row.version}, not {version}", file=sys.stderr)
            failed = True
    for path in sorted(set(expected) | set(got)):
        if path not in got:
            print(f"{output}: {path} missing", file=sys.stderr)
            failed = True
        elif path not in expected:
            print(f"{output}: {path} not in the single run", file=sys.stderr)
            failed = True
        elif got[path] != expected[path]:
            print(f"{output}: {path}: the audit differs from the single run's", file=sys.stderr)
            failed = True
    if len(parts) < 2:
        print(f"{output}: {len(parts)} partition written, not several", file=sys.stderr)
        failed = True
    print(f"{output}: {len(got)} audits from {len(parts)} partitions", file=sys.stderr)
spark.stop()
sys.exit(1 if failed else 0)
EOF
grep -h 'audits from' "$work/compare.log" | sed 's/^/tests\/spark.sh: /' >&2

# A draft that cannot be read (invalid UTF-8) is claimtrace's exit status
# 2: the task fails, and with it the job, naming the draft.
mkdir -p "$work/bad"
cp examples/clean.md "$work/bad/"
printf 'The pier \377 reopened.\n' >"$work/bad/broken.md"
if submit examples/spark/claimtrace_spark.py --drafts "$work/bad" \
  --claimtrace "$bin" --index "$work/index" --output "$work/bad.parquet" >"$work/bad.log" 2>&1; then
  echo "tests/spark.sh: the job over an unreadable draft succeeded" >&2
  exit 1
fi
if ! grep -q 'exited with status 2: error: broken.md: invalid UTF-8' "$work/bad.log"; then
  echo "tests/spark.sh: the failed job does not give claimtrace's message:" >&2
  tail -n 30 "$work/bad.log" >&2
  exit 1
fi

echo "tests/spark.sh: $count drafts, audits identical to the single-process run ($(($(date +%s) - started)) s)" >&2

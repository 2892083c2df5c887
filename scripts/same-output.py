#!/usr/bin/env python3
"""Show that two builds of claimtrace give byte-identical output on real news.

For every article of a JSONL corpus (default: the 840 PolNeAR articles beside the project), both
builds run

    claimtrace claims ARTICLE.txt --format json
    claimtrace check ARTICLE.txt --source ARTICLE-source.txt --format json --fail-on never

(the article checked against a copy of itself, the self-check of the test suite) in a fresh
folder holding an empty claimtrace.toml. The script prints one SHA-256 over each build's outputs,
and every article whose output differs, with the first differing line. Exit 0 when all are
identical, 1 otherwise.

A refactoring that must not change behaviour (rules as data, a faster index) is shown so:

    git stash; cargo build --release; cp target/release/claimtrace /tmp/claimtrace-before
    git stash pop; cargo build --release
    python3 scripts/same-output.py /tmp/claimtrace-before target/release/claimtrace

Usage: same-output.py BEFORE AFTER [--corpus FILE.jsonl.gz] [--limit N] [--jobs N]
"""
import argparse
import concurrent.futures
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "shared", "corpora", "polnear-train.jsonl.gz")


def outputs(binary, folder):
    """The outputs of one build on the article in `folder`, as bytes."""
    runs = [
        ["claims", "article.txt", "--format", "json"],
        ["check", "article.txt", "--source", "article-source.txt", "--format", "json",
         "--fail-on", "never"],
    ]
    out = []
    for args in runs:
        done = subprocess.run([binary, *args], cwd=folder, capture_output=True, timeout=600)
        out.append(b"$ " + " ".join(args).encode() + b"\n" + done.stdout
                   + b"exit " + str(done.returncode).encode() + b"\n")
    return b"".join(out)


def compare(before, after, record):
    with tempfile.TemporaryDirectory() as folder:
        open(os.path.join(folder, "claimtrace.toml"), "w").close()
        for name in ("article.txt", "article-source.txt"):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(record["text"])
        return record["id"], outputs(before, folder), outputs(after, folder)


def first_difference(a, b):
    for number, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
        if x != y:
            return f"line {number}:\n  before: {x[:200]!r}\n  after:  {y[:200]!r}"
    return "one output is longer"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    before, after = (os.path.abspath(b) for b in (args.before, args.after))
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    if args.limit:
        records = records[: args.limit]
    hashes = [hashlib.sha256(), hashlib.sha256()]
    differ = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for id_, a, b in pool.map(lambda r: compare(before, after, r), records):
            hashes[0].update(a)
            hashes[1].update(b)
            if a != b:
                differ.append((id_, first_difference(a, b)))
    print(f"{len(records)} articles, claims and check JSON each")
    print(f"before {hashes[0].hexdigest()}  {args.before}")
    print(f"after  {hashes[1].hexdigest()}  {args.after}")
    for id_, where in differ:
        print(f"differs: {id_} at {where}")
    print("identical" if not differ else f"{len(differ)} articles differ")
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())

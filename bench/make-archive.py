#!/usr/bin/env python3
"""Write an archive of news for `claimtrace index`: the articles of a JSONL corpus (default: the 840
PolNeAR articles beside the project), each written COPIES times as separate files with small
changes, so that no two files are identical.

Copy n of an article opens with a dateline naming the copy ("ARCHIVE 12: ") and has one "the" of
its text (the n-th, counting round) written "this": a different file, the same story, as a wire
story and its rewrites are. The corpus is third-party text: it is written only under OUT (keep OUT
outside the repository, under /tmp), never into the project.

Usage: make-archive.py OUT [--copies N] [--bytes SIZE] [--corpus FILE.jsonl.gz]
                           [--exclude-like DIR ...]
  --bytes SIZE          stop once SIZE bytes are written (K, M, G suffixes): copies are made
                        round after round until then (--copies is then the most rounds).
  --exclude-like DIR    leave out every article whose text is the text of a file in DIR
                        (the sources of checker-dev, for the same-verdicts test).
Files go to OUT/<round>/<article id>.txt, at most 1,000 in a folder.
"""
import argparse
import gzip
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "shared", "corpora", "polnear-train.jsonl.gz")


def size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    if text[-1:].upper() in units:
        return int(float(text[:-1]) * units[text[-1:].upper()])
    return int(text)


def changed(text, n):
    """Copy n of `text`: a dateline naming the copy, and one "the" made "this"."""
    thes = [m.start() for m in re.finditer(r"\bthe\b", text)]
    if thes:
        at = thes[n % len(thes)]
        text = text[:at] + "this" + text[at + 3:]
    return f"ARCHIVE {n}: {text}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--bytes", type=size)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--exclude-like", nargs="*", default=[])
    args = parser.parse_args()
    if not os.path.exists(args.corpus):
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    excluded = set()
    for folder in args.exclude_like:
        for name in os.listdir(folder):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                excluded.add(f.read())
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    records = [r for r in records if r["text"] not in excluded]
    rounds = args.copies if args.bytes is None else max(args.copies, 1 << 30)
    written = files = 0
    for n in range(rounds):
        for record in records:
            if args.bytes is not None and written >= args.bytes:
                print(f"{files} files, {written} bytes, from {len(records)} articles")
                return 0
            folder = os.path.join(args.out, f"{n:04d}", f"{files // 1000 % 1000:03d}")
            os.makedirs(folder, exist_ok=True)
            data = changed(record["text"], n).encode("utf-8")
            name = re.sub(r"[^A-Za-z0-9._-]", "_", str(record["id"]))
            with open(os.path.join(folder, f"{name}.txt"), "wb") as out:
                out.write(data)
            written += len(data)
            files += 1
    print(f"{files} files, {written} bytes, from {len(records)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Same verdicts: `check --index` against an archive that holds each checker-dev draft's sources
among many other stories gives the findings `check --source` gives with its sources named, and
names the right source file for the supported claims.

The archive (made under WORK, outside the repository) holds the sources of every set of
checker-dev (../shared/corpora/checker-dev/*/sources/, under <archive>/<set>/) and the other
PolNeAR articles, none a copy of those sources, written COPIES times with small changes
(bench/make-archive.py, under <archive>/others/). It is made twice: `base` without the
second-outlet copies of checker-dev (`*-2.txt`) for the drafts that do not name one, `full` with
them for the drafts that do. Each draft is then checked both ways from WORK, so that both name the
sources by the same paths, and the findings are compared without `uncited-source` (which only an
archive check gives). A supported claim names the right source when every file its evidence cites
is one of the draft's sources.

Usage: same-verdicts.py [--bin PATH] [--work DIR] [--copies N] [--keep] [-v]
(--copies 123 makes 100,368 other files, the 100,000 of issue 22; the default 10 makes 8,160.)
Prints the drafts whose findings differ (with the difference), the share of drafts with the same
findings, and the share of supported claims whose evidence names only the right files.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEV = os.path.join(ROOT, "..", "shared", "corpora", "checker-dev")


def run(binary, args, cwd):
    done = subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True)
    return done


def findings(audit):
    return sorted(
        (f["rule"], f["span"]["start"], f["span"]["end"], f["message"])
        for d in audit.get("documents", [])
        for f in d["findings"]
        if f["rule"] != "uncited-source"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "claimtrace"))
    parser.add_argument("--work", default="/tmp/claimtrace-same-verdicts")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="reuse WORK's archive and index")
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    sets = sorted(d for d in os.listdir(DEV) if os.path.isfile(os.path.join(DEV, d, "cases.jsonl")))
    work = args.work
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        open(os.path.join(work, "claimtrace.toml"), "w").close()
        others = os.path.join(work, "others")
        subprocess.run(
            [sys.executable, os.path.join(HERE, "make-archive.py"), others,
             "--copies", str(args.copies), "--exclude-like",
             *[os.path.join(DEV, name, "sources") for name in sets]],
            check=True,
        )
        # Two archives (hard links to one copy of the other stories): `base`
        # without the second-outlet copies (`*-2.txt`), for drafts that do
        # not name one, and `full` with them. An archive holding a copy of a
        # draft's source that the draft does not name would give it another
        # source than the named check has.
        for archive, keep in (("base", lambda n: not n.endswith("-2.txt")), ("full", lambda n: True)):
            for name in sets:
                folder = os.path.join(work, archive, name)
                os.makedirs(folder)
                for source in os.listdir(os.path.join(DEV, name, "sources")):
                    if keep(source):
                        shutil.copy(os.path.join(DEV, name, "sources", source), folder)
            subprocess.run(["cp", "-al", others, os.path.join(work, archive, "others")], check=True)
            started = time.time()
            built = run(binary, ["index", f"idx-{archive}", "--archive", archive], work)
            print(built.stdout.strip(), f"({time.time() - started:.0f} s)")
            if built.returncode != 0:
                print(built.stderr, file=sys.stderr)
                return 2
    same = drafts = supported = right = 0
    for name in sets:
        with open(os.path.join(DEV, name, "cases.jsonl"), encoding="utf-8") as f:
            cases = [json.loads(line) for line in f]
        for case in cases:
            folder = os.path.join(work, "cases", case["id"])
            os.makedirs(folder, exist_ok=True)
            draft = os.path.join("cases", case["id"], "draft." + case["format"])
            with open(os.path.join(work, draft), "w", encoding="utf-8") as f:
                f.write(case["draft"])
            archive = "full" if any(s.endswith("-2.txt") for s in case["sources"]) else "base"
            # Named in the order of their paths, as a folder of them is read.
            sources = sorted(os.path.join(archive, name, s) for s in case["sources"])
            named_args = ["check", draft, "--format", "json", "--fail-on", "never"]
            for source in sources:
                named_args += ["--source", source]
            named = run(binary, named_args, work)
            indexed = run(binary, ["check", draft, "--index", f"idx-{archive}", "--format", "json",
                                   "--fail-on", "never"], work)
            drafts += 1
            try:
                a, b = json.loads(named.stdout), json.loads(indexed.stdout)
            except json.JSONDecodeError:
                print(f"{case['id']}: no audit: {named.stderr.strip()} | {indexed.stderr.strip()}")
                continue
            if findings(a) == findings(b):
                same += 1
            else:
                only_named = [f for f in findings(a) if f not in findings(b)]
                only_indexed = [f for f in findings(b) if f not in findings(a)]
                print(f"{case['id']}: differs; sources named {case['sources']}, "
                      f"archive used {b['documents'][0]['sources']}")
                for f in only_named:
                    print(f"   only named:   {f}")
                for f in only_indexed:
                    print(f"   only indexed: {f}")
            for claim in b["documents"][0]["claims"]:
                if claim["verdict"] != "supported" or not claim["evidence"]:
                    continue
                supported += 1
                cited = {e["source"] for e in claim["evidence"]}
                if cited <= set(sources):
                    right += 1
                elif args.v:
                    print(f"{case['id']} {claim['id']}: evidence in {sorted(cited - set(sources))}")
    print(f"same findings: {same}/{drafts} drafts ({100 * same / max(drafts, 1):.1f}%)")
    print(f"right source named: {right}/{supported} supported claims "
          f"({100 * right / max(supported, 1):.1f}%)")
    return 0 if same == drafts else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Check that a release build scores at least the recorded figures on the shared corpora.

The scorers live outside the project (../shared/tools/, with the corpora in ../shared/corpora/);
this runs them on target/release/claimtrace and compares each figure with the floor recorded in
scripts/score-floor.toml, so a change that loses accuracy is visible in review:

    cargo build --release && python3 scripts/score-floor.py

Prints one line a figure (floor, now, and whether it holds) and exits 1 when any figure is below
its floor, 0 when all hold. Where ../shared/tools is absent it says so and exits 0: the floor
cannot be checked, not failed. `--record` writes the figures of this build as the new floor
(do it in the commit that earns them, and say why in its message).

Figures: attribution (right speakers of direct, mixed and indirect attributions, counted, from
score-attribution.py), the checker on drafts of real articles (precision and recall at least,
faithful drafts with a finding at most, from score-checker.py), and FRANK's sentence-level
balanced accuracy per dataset (never the pooled figure, from score-frank.py).
"""
import argparse
import os
import re
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TOOLS = os.path.join(ROOT, "..", "shared", "tools")
FLOOR = os.path.join(HERE, "score-floor.toml")


def run(script, *args):
    done = subprocess.run([sys.executable, os.path.join(TOOLS, script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=3600)
    if done.returncode not in (0, 1):
        sys.exit(f"score-floor: {script} failed:\n{done.stderr}")
    return done.stdout


def attribution():
    figures = {}
    for kind in ("direct", "mixed", "indirect"):
        out = run("score-attribution.py", "--kinds", kind)
        found = re.search(r"(\d+)/(\d+) with the right speaker", out)
        if not found:
            sys.exit(f"score-floor: no figure in score-attribution.py --kinds {kind}:\n{out}")
        figures[kind] = int(found.group(1))
    return figures


def checker():
    out = run("score-checker.py", "-q")
    found = re.search(r"== all: precision ([\d.]+) recall ([\d.]+) .*clean drafts with a finding "
                      r"(\d+)/(\d+)", out)
    if not found:
        sys.exit(f"score-floor: no figure in score-checker.py:\n{out}")
    return {"precision": float(found.group(1)), "recall": float(found.group(2)),
            "clean_flagged": int(found.group(3))}


def frank():
    out = run("score-frank.py")
    figures = {}
    for dataset in ("cnndm", "xsum"):
        found = re.search(rf"== {dataset}:.*?\n\s+sentence\s+bal\.acc ([\d.]+)", out)
        if not found:
            sys.exit(f"score-floor: no {dataset} figure in score-frank.py:\n{out}")
        figures[f"{dataset}_sentence_bal_acc"] = float(found.group(1))
    return figures


# Figures where less is better; every other figure must not fall.
AT_MOST = {("checker", "clean_flagged")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", action="store_true",
                        help="write this build's figures as the floor")
    args = parser.parse_args()
    if not os.path.isdir(TOOLS):
        print("score-floor: ../shared/tools is not here; the floor is not checked")
        return 0
    if not os.path.exists(os.path.join(ROOT, "target", "release", "claimtrace")):
        sys.exit("score-floor: build first: cargo build --release")
    now = {"attribution": attribution(), "checker": checker(), "frank": frank()}
    if args.record:
        with open(FLOOR, "w", encoding="utf-8") as f:
            f.write("# The figures a release build must keep on the shared corpora, checked by\n"
                    "# scripts/score-floor.py. Raise a floor in the commit that earns it.\n")
            for section, figures in now.items():
                f.write(f"\n[{section}]\n")
                for name, value in figures.items():
                    f.write(f"{name} = {value}\n")
        print(f"score-floor: recorded {os.path.relpath(FLOOR, ROOT)}")
        return 0
    with open(FLOOR, "rb") as f:
        floor = tomllib.load(f)
    failed = 0
    for section, figures in now.items():
        for name, value in figures.items():
            recorded = floor.get(section, {}).get(name)
            if recorded is None:
                print(f"  {section}.{name}: {value} (no floor recorded)")
                continue
            at_most = (section, name) in AT_MOST
            holds = value <= recorded if at_most else value >= recorded
            sign = "<=" if at_most else ">="
            print(f"  {section}.{name}: {value} {sign} {recorded} {'ok' if holds else 'BELOW FLOOR'}")
            failed += not holds
    print("score-floor: every figure holds" if not failed else f"score-floor: {failed} below")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

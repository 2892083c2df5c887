#!/usr/bin/env python3
"""What each attribution pass is worth: the speaker scores with each pass switched off in turn.

The rule engine finds speakers in named passes (`claimtrace claims --explain` names the one that
decided each speaker), and `CLAIMTRACE_PASSES_OFF=name` switches one off. For every pass, this
script runs the shared attribution scorer on the PolNeAR train split for direct and for mixed
quotations with that pass off, and prints a Markdown table: the right speakers of each kind, and
the loss against all passes on (how many right speakers the pass is worth; negative when the
scores rise without it).

    python3 scripts/pass-worth.py [--bin target/release/claimtrace] [--passes a,b] [--jobs 2]

The binary is copied first, so a build during the run does not change what is measured. Each
scorer run takes 10-30 s; all passes take a while (`--jobs` runs several at once).

Usage: pass-worth.py [--bin BINARY] [--scorer SCORER] [--passes NAMES] [--jobs N] [--limit N]
"""
import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_SCORER = os.path.join(ROOT, "..", "shared", "tools", "score-attribution.py")
KINDS = ("direct", "mixed")
SCORE = re.compile(r"(\d+)/(\d+) with the right speaker")


def passes_of(binary):
    """Every pass name, in order: the binary lists them when asked for one it does not know."""
    env = dict(os.environ, CLAIMTRACE_PASSES_OFF="?")
    done = subprocess.run([binary, "claims", "-"], input=b"", env=env, capture_output=True)
    listed = done.stderr.decode(errors="replace").partition("the passes are: ")[2]
    names = [name.strip() for name in listed.strip().split(",") if name.strip()]
    if done.returncode != 2 or not names:
        sys.exit(f"pass-worth: {binary} did not list its passes:\n{done.stderr.decode()}")
    return names


def score(binary, scorer, kind, off, limit):
    """(right, total) speakers of `kind` with the passes `off` switched off."""
    env = dict(os.environ)
    env.pop("CLAIMTRACE_PASSES_OFF", None)
    if off:
        env["CLAIMTRACE_PASSES_OFF"] = off
    args = [sys.executable, scorer, "--bin", binary, "--kinds", kind]
    if limit:
        args += ["--limit", str(limit)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, cwd=ROOT)
    found = SCORE.findall(done.stdout)
    if done.returncode != 0 or not found:
        sys.exit(f"pass-worth: the scorer failed with {off or 'all passes on'}:\n{done.stderr}")
    right, total = found[-1]
    return int(right), int(total)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "claimtrace"))
    parser.add_argument("--scorer", default=DEFAULT_SCORER)
    parser.add_argument("--passes", help="comma-separated pass names (default: every pass)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        binary = os.path.join(folder, "claimtrace")
        shutil.copy2(args.bin, binary)
        names = args.passes.split(",") if args.passes else passes_of(binary)
        runs = [(off, kind) for off in ["", *names] for kind in KINDS]
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {
                run: pool.submit(score, binary, args.scorer, run[1], run[0], args.limit)
                for run in runs
            }
            scores = {run: future.result() for run, future in futures.items()}
    base = {kind: scores[("", kind)] for kind in KINDS}
    print("| pass switched off | direct right | mixed right | direct loss | mixed loss |")
    print("|---|---:|---:|---:|---:|")
    (d, dn), (m, mn) = base["direct"], base["mixed"]
    print(f"| (none: all passes on) | {d}/{dn} | {m}/{mn} | 0 | 0 |")
    for name in names:
        (od, _), (om, _) = scores[(name, "direct")], scores[(name, "mixed")]
        print(f"| `{name}` | {od}/{dn} | {om}/{mn} | {d - od} | {m - om} |")


if __name__ == "__main__":
    main()

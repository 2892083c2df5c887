#!/usr/bin/env bash
# Regenerates docs/html-report.png, the README's picture of the HTML report:
# the real report of examples/ checked against seeds/, opened in headless
# Chromium with the misquoted claim selected.
#
#   bash scripts/report-screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --quiet
# Exit status 1 (findings) is expected: examples/ holds one of each kind.
target/debug/claimtrace check examples/ --source seeds/ --format html --output "$work/report.html" || [ $? -eq 1 ]
cargo run --quiet --example report-screenshot -- "$work/report.html" docs/html-report.png
echo "wrote docs/html-report.png"

//! Reading `git diff` output into changed lines, on any text: no panic;
//! every range is 1-based and in order (`start <= end`); a file's ranges
//! come only from hunk headers after its `+++ b/…` line.
#![no_main]

use claimtrace::diff::parse_patch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // git's output is read lossily (a path may be in any encoding).
    let patch = String::from_utf8_lossy(bytes);
    let files = parse_patch(&patch);
    let targets = patch
        .lines()
        .filter(|line| line.starts_with("+++ "))
        .count();
    let hunks = patch.lines().filter(|line| line.starts_with("@@ ")).count();
    assert!(files.len() <= targets, "more files than `+++` lines");
    let ranges: usize = files.iter().map(|(_, ranges)| ranges.len()).sum();
    assert!(ranges <= hunks, "more ranges than hunk headers");
    for (path, ranges) in &files {
        for &(start, end) in ranges {
            assert!(start <= end, "{path:?}: range {start}..={end} is reversed");
        }
    }
});

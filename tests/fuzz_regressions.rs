//! Inputs of the shapes fuzzing found to break claimtrace (see
//! `fuzz/`), written by hand: each once made it panic, hang or take time
//! worse than linear, and must not again.

use claimtrace::diff::parse_patch;

/// A hunk header whose line numbers are as large as a number can be
/// once overflowed when its last line was counted.
#[test]
fn hunk_header_with_huge_line_numbers() {
    let max = usize::MAX;
    let patch = format!(
        "diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n\
         @@ -1 +{max},2 @@\n@@ -1 +{max},0 @@\n@@ -1 +{max} @@\n@@ -1 +99999999999999999999999 @@\n"
    );
    let files = parse_patch(&patch);
    assert_eq!(files.len(), 1);
    // Each range keeps its start and never ends before it; a number too
    // large for a line number is no hunk at all.
    assert_eq!(files[0].1, [(max, max), (max, max), (max, max)]);
}

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

/// `count` words of news copy, a title among them, in an order set by
/// `seed` (a fixed linear congruential sequence: the same every run).
fn words(count: usize, seed: u64) -> String {
    let vocabulary: Vec<&str> = "security defence partnership india union summit minister \
        talks trade port deal signed harbour bloc trust foundation grow billion years pledged"
        .split_whitespace()
        .collect();
    let mut state = seed;
    (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            vocabulary[(state >> 33) as usize % vocabulary.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One very long sentence retold in another order in a draft: aligning
/// the two, diffing them word for word and finding the names among their
/// words each once took time quadratic in the sentence's length (at this
/// length, ten times what it takes now). It is aligned to the source
/// sentence, and every finding lies in the draft.
#[test]
fn long_sentence_against_a_long_source_sentence() {
    use claimtrace::check::{self, Options};
    use claimtrace::document::{Document, Format};
    use claimtrace::rules::RuleSet;

    let length = 32_000;
    let source = format!("{}.\n", words(length, 1));
    let draft = format!("{}.\n", words(length, 2));
    let source = Document::from_text("source.txt".into(), source, Format::Plain);
    let draft = Document::from_text("draft.txt".into(), draft, Format::Plain);
    let audit = check::check(
        std::slice::from_ref(&draft),
        std::slice::from_ref(&source),
        &RuleSet::builtin(),
        &Options::default(),
    );
    let document = &audit.documents[0];
    assert!(
        document
            .claims
            .iter()
            .any(|claim| claim.evidence.iter().any(|e| e.source == "source.txt")),
        "the long sentence is traced to the source"
    );
    for finding in &document.findings {
        assert!(finding.range.end <= draft.text.len());
        assert!(draft.text.is_char_boundary(finding.range.start));
        assert!(draft.text.is_char_boundary(finding.range.end));
    }
}

//! What every fuzz target shares: the rules, loaded once, and the
//! invariants every span must keep.

use std::sync::LazyLock;

use claimtrace::document::{Document, Format};
use claimtrace::rules::RuleSet;
use claimtrace::span::Span;

pub static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::builtin);

/// Reads `bytes` as a file would be read (binary and invalid UTF-8 are
/// refused, not fuzzed further); the first byte, when there is one, picks
/// the format.
pub fn document(bytes: &[u8]) -> Option<Document> {
    let (format, body) = match bytes.split_first() {
        Some((first, body)) if first & 1 == 1 => (Format::Markdown, body),
        Some((_, body)) => (Format::Plain, body),
        None => (Format::Plain, bytes),
    };
    Document::from_bytes("fuzz.md".into(), body.to_vec(), format).ok()
}

/// A span of `text` must lie in it, on character boundaries.
#[track_caller]
pub fn assert_span(text: &str, span: Span) {
    assert!(span.start <= span.end, "{span:?} is reversed");
    assert!(
        span.end <= text.len(),
        "{span:?} is past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{span:?} splits a character"
    );
}

/// Output for people must carry no raw control character but the line
/// feed, nor any character that is invisible or reorders text: inputs are
/// data, never control.
#[track_caller]
#[allow(dead_code)] // used by the targets that render for people
pub fn assert_inert(output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    for c in text.chars() {
        assert!(
            c == '\n' || !claimtrace::report::text::is_control(c),
            "raw control {c:?} in the output"
        );
    }
}

//! Hostile input costs about what it weighs: what a check reports, and the
//! report's size, stay bounded however many items a draft repeats.
//!
//! Each test writes a pathological draft to a temporary folder, checks it
//! with the built binary against the shipped source in every output
//! format, and asserts on counts and byte sizes of the output (never on
//! time: speed is measured by benchmarks).

mod common;

use std::path::{Path, PathBuf};

use claimtrace::bounds::{MAX_EMPTY_SENTENCES, MAX_WARNINGS_PER_KIND};
use common::claimtrace;
use serde_json::Value;

const FORMATS: [&str; 5] = ["human", "json", "sarif", "github", "html"];

/// A file in a temporary folder of this test, holding `text`.
fn draft(name: &str, text: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("claimtrace-bounds-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("folder made");
    let path = folder.join(name);
    std::fs::write(&path, text).expect("draft written");
    path
}

/// The output of `claimtrace check DRAFT --source seeds/ --format FORMAT`.
fn check(path: &Path, format: &str) -> Vec<u8> {
    let output = claimtrace(&[
        "check",
        path.to_str().expect("a UTF-8 path"),
        "--source",
        "seeds/",
        "--format",
        format,
        "--fail-on",
        "never",
    ]);
    assert!(
        output.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&check(path, "json")).expect("the audit is JSON")
}

/// How many input warnings about quotation marks each format reports.
fn warnings_reported(path: &Path) -> Vec<(&'static str, usize)> {
    let about_marks = |message: &str| message.contains("quotation mark");
    FORMATS
        .iter()
        .filter(|format| **format != "html")
        .map(|&format| {
            let out = String::from_utf8(check(path, format)).expect("UTF-8 output");
            let count = match format {
                "human" => out
                    .lines()
                    .filter(|l| l.starts_with("warning:") && about_marks(l))
                    .count(),
                // Findings of severity warning are titled with their kind.
                "github" => out
                    .lines()
                    .filter(|l| {
                        l.starts_with("::warning ")
                            && l.contains("title=claimtrace::")
                            && about_marks(l)
                    })
                    .count(),
                "json" => {
                    let audit: Value = serde_json::from_str(&out).expect("JSON");
                    audit["documents"][0]["warnings"]
                        .as_array()
                        .map_or(0, |all| {
                            all.iter()
                                .filter(|w| about_marks(w["message"].as_str().unwrap_or("")))
                                .count()
                        })
                }
                _ => {
                    let log: Value = serde_json::from_str(&out).expect("SARIF is JSON");
                    log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
                        .as_array()
                        .map_or(0, |all| {
                            all.iter()
                                .filter(|n| {
                                    about_marks(n["message"]["text"].as_str().unwrap_or(""))
                                })
                                .count()
                        })
                }
            };
            (format, count)
        })
        .collect()
}

#[test]
fn unclosed_marks_give_the_first_warnings_and_one_that_counts_the_rest() {
    let path = draft("marks.md", &"“".repeat(100_000));
    for (format, count) in warnings_reported(&path) {
        assert_eq!(count, MAX_WARNINGS_PER_KIND + 1, "{format}");
    }
    let audit = json(&path);
    let warnings = audit["documents"][0]["warnings"]
        .as_array()
        .expect("warnings");
    let last = warnings.last().expect("a summary");
    let listed: usize = warnings
        .iter()
        .filter(|w| w["message"] == "quotation mark is never closed")
        .count();
    assert_eq!(listed, MAX_WARNINGS_PER_KIND);
    // The summary counts every mark not listed, at the first of them.
    let message = last["message"].as_str().expect("a message");
    let rest: usize = message
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a count first");
    let original = 100_000 - 2; // the last mark closes the one before it
    assert_eq!(listed + rest, original, "{message}");
    assert_eq!(last["span"]["column"], MAX_WARNINGS_PER_KIND + 1);
}

#[test]
fn stray_closing_marks_are_capped_too() {
    let path = draft("closing.txt", &"x ” ".repeat(20_000));
    for (format, count) in warnings_reported(&path) {
        assert_eq!(count, MAX_WARNINGS_PER_KIND + 1, "{format}");
    }
}

#[test]
fn a_few_marks_are_all_listed() {
    let path = draft("few.md", "One “two.\n\nThree “four.\n\nFive ” six.\n");
    for (format, count) in warnings_reported(&path) {
        assert_eq!(count, 3, "{format}");
    }
}

/// The size of each format's output.
fn sizes(path: &Path) -> Vec<(&'static str, usize)> {
    FORMATS
        .iter()
        .map(|&format| (format, check(path, format).len()))
        .collect()
}

#[test]
fn unclosed_marks_cost_a_bounded_report_in_every_format() {
    // 300 KB of marks: one sentence without content, never a claim, and
    // fifty warnings and one more.
    let path = draft("marks-size.md", &"“".repeat(100_000));
    for (format, size) in sizes(&path) {
        assert!(size < 80_000, "{format}: {size} bytes");
    }
    let audit = json(&path);
    assert_eq!(audit["summary"]["claims"], 0);
}

#[test]
fn sentences_without_content_are_claims_up_to_a_limit_then_counted() {
    let count = 20_000;
    let path = draft("letters.txt", &"A.\n\n".repeat(count));
    let audit = json(&path);
    let document = &audit["documents"][0];
    let claims = document["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), MAX_EMPTY_SENTENCES);
    assert_eq!(audit["summary"]["claims"], MAX_EMPTY_SENTENCES);
    let warnings = document["warnings"].as_array().expect("a warning");
    assert_eq!(warnings.len(), 1);
    let message = warnings[0]["message"].as_str().expect("a message");
    assert!(
        message.starts_with(&format!(
            "{} sentences without content",
            count - MAX_EMPTY_SENTENCES
        )),
        "{message}"
    );
    assert_eq!(warnings[0]["span"]["line"], 2 * MAX_EMPTY_SENTENCES + 1);
    // 80 KB of draft: about a claim's worth of output per claim listed,
    // where every one of the 20,000 sentences was a claim.
    for (format, size) in sizes(&path) {
        assert!(size < 1_000_000, "{format}: {size} bytes");
    }
}

//! The `claimtrace` binary end to end: output formats, the seed article,
//! and how bad input is refused.

#[path = "support/schema.rs"]
mod schema;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn claimtrace(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("claimtrace runs");
    // A command that fails before reading its input closes the pipe: that
    // is not the test's concern.
    let written = child.stdin.take().expect("stdin is piped").write_all(stdin);
    if let Err(error) = written {
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
    }
    child.wait_with_output().expect("claimtrace finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

const SEED: &str = "seeds/india-eu-security-defence.txt";

#[test]
fn seed_sentences_json() {
    let output = claimtrace(&["sentences", SEED, "--format", "json"], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("seed_sentences", stdout(&output));
}

#[test]
fn seed_spans_are_exact_slices() {
    let output = claimtrace(&["sentences", SEED, "--format", "json"], b"");
    let json: serde_json::Value = schema::validated(stdout(&output));
    let file = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    let sentences = json["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 26);
    for sentence in sentences {
        let start = sentence["span"]["start"].as_u64().unwrap() as usize;
        let end = sentence["span"]["end"].as_u64().unwrap() as usize;
        assert_eq!(&file[start..end], sentence["text"].as_str().unwrap());
    }
    // Modi's quote: three sentences, the attribution with the last.
    let texts: Vec<&str> = sentences
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"“Defence and security are a foundation for any strong partnership."));
    assert!(texts.contains(
        &"Today, we are making this official through a Security and Defence Partnership."
    ));
    assert!(texts.iter().any(|t| t.starts_with("This will help us")
        && t.contains("Modi said at a joint media interaction")));
    // The dateline opens its own paragraph's sentence.
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("NEW DELHI: A Security and Defence Partnership"))
    );
}

#[test]
fn json_positions_count_characters() {
    let output = claimtrace(
        &["sentences", "-", "--format", "json"],
        "€5 rose.\nIt fell.".as_bytes(),
    );
    insta::assert_snapshot!("positions", stdout(&output));
}

#[test]
fn human_format() {
    let output = claimtrace(&["sentences"], b"One here. Two,\nthere.\n\nThree.");
    assert!(output.status.success());
    assert_eq!(
        stdout(&output),
        "<stdin>:1:1: One here.\n<stdin>:1:11: Two, there.\n<stdin>:4:1: Three.\n"
    );
}

#[test]
fn markdown_flag_reads_stdin_as_markdown() {
    let output = claimtrace(
        &["sentences", "--markdown", "-"],
        b"# Title\n\n```\ncode.\n```\nText *here*.",
    );
    assert_eq!(
        stdout(&output),
        "<stdin>:1:3: Title\n<stdin>:6:1: Text *here*.\n"
    );
}

#[test]
fn invalid_utf8_names_the_offset() {
    let output = claimtrace(&["sentences", "-"], b"abc\xff");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), "error: <stdin>: invalid UTF-8 at byte 3\n");
    assert!(output.stdout.is_empty());
}

#[test]
fn binary_input_is_refused() {
    let output = claimtrace(&["sentences", "-"], b"PK\x03\x04\x00\x00data");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: <stdin>: binary file (NUL byte at byte 4)\n"
    );
}

#[test]
fn missing_file_is_an_input_error() {
    let output = claimtrace(&["sentences", "no/such/file.txt"], b"");
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: no/such/file.txt: "),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1);
}

#[test]
fn empty_input_gives_an_empty_list() {
    let output = claimtrace(&["sentences", "--format", "json"], b"");
    assert!(output.status.success());
    let json: serde_json::Value = schema::validated(stdout(&output));
    assert_eq!(json["sentences"], serde_json::json!([]));
}

#[test]
fn byte_order_mark_is_kept_in_offsets() {
    let output = claimtrace(
        &["sentences", "--format", "json"],
        "\u{feff}Hi there.".as_bytes(),
    );
    let json: serde_json::Value = schema::validated(stdout(&output));
    let span = &json["sentences"][0]["span"];
    assert_eq!(
        (span["start"].as_u64(), span["column"].as_u64()),
        (Some(3), Some(1))
    );
}

#[test]
fn bad_rules_directory_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("claimtrace-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("abbreviations.txt"), "# ok\nmr title\nco maybe\n").unwrap();
    let output = claimtrace(&["sentences", "--rules", dir.to_str().unwrap()], b"Hi.");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("abbreviations.txt:3: unknown abbreviation kind `maybe`"),
        "{message}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let output = claimtrace(&["sentences", "--format", "yaml"], b"");
    assert_eq!(output.status.code(), Some(2));
    let output = claimtrace(&["--version"], b"");
    assert!(stdout(&output).starts_with("claimtrace "));
}

#[test]
fn seed_claims_json() {
    let output = claimtrace(&["claims", SEED, "--format", "json"], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("seed_claims", stdout(&output));
}

#[test]
fn seed_claims_human() {
    let output = claimtrace(&["claims", SEED], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("seed_claims_human", stdout(&output));
}

#[test]
fn fixture_claims_markdown() {
    let output = claimtrace(
        &[
            "claims",
            "tests/fixtures/claims/wire-story.md",
            "--format",
            "json",
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("wire_story_claims", stdout(&output));
}

#[test]
fn unbalanced_quote_is_reported() {
    let output = claimtrace(
        &["claims", "-"],
        "“Never closed, she said.\n\nNext.".as_bytes(),
    );
    assert!(output.status.success());
    assert!(
        stdout(&output).contains("warning: <stdin>:1:1: quotation mark is never closed"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_release_a_stranger_can_install() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let manifest: toml::Table = manifest.parse().expect("Cargo.toml is TOML");
    let package = &manifest["package"];
    assert_eq!(package["license"].as_str(), Some("MIT OR Apache-2.0"));
    assert!(
        package["description"]
            .as_str()
            .is_some_and(|d| !d.is_empty())
    );
    assert!(package["rust-version"].as_str().is_some());
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        assert!(root.join(licence).is_file(), "{licence}");
    }
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("cargo install --locked --path ."));
}

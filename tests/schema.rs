//! The JSON output keeps to its published schema (`schemas/audit.schema.json`,
//! printed by `claimtrace schema`): the audit of every fixture and example,
//! and `claims` and `sentences` of every document the tests ship. (Every
//! other test that reads JSON output checks it against the schema too.)

#[path = "support/schema.rs"]
mod schema;

use std::path::{Path, PathBuf};
use std::process::Command;

fn claimtrace(args: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimtrace runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Every prose file below `folder`, relative to the crate.
fn documents(folder: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::from(folder)];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    while let Some(at) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&at)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = at.join(entry.file_name());
            if entry.path().is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
                found.push(path.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_json_output_keeps_to_the_schema() {
    let mut checked = 0;
    for draft in documents("examples") {
        schema::validated(claimtrace(&[
            "check", &draft, "--source", "seeds/", "--format", "json",
        ]));
        checked += 1;
    }
    for fixture in documents("tests/fixtures") {
        if fixture.contains("/sources/") || fixture.contains("/lsp/") {
            continue;
        }
        let source = "tests/fixtures/sources/";
        schema::validated(claimtrace(&[
            "check", &fixture, "--source", source, "--format", "json",
        ]));
        checked += 1;
    }
    for document in documents("seeds").into_iter().chain(documents("examples")) {
        schema::validated(claimtrace(&["claims", &document, "--format", "json"]));
        schema::validated(claimtrace(&["sentences", &document, "--format", "json"]));
        checked += 2;
    }
    assert!(checked > 20, "only {checked} outputs");
}

#[test]
fn a_wrong_field_breaks_the_schema() {
    let mut audit = schema::validated(claimtrace(&[
        "check",
        "examples/misquote.md",
        "--source",
        "seeds/",
        "--format",
        "json",
    ]));
    assert!(schema::is_valid(&audit));
    audit["documents"][0]["findings"][0]["severity"] = serde_json::json!("fatal");
    assert!(!schema::is_valid(&audit));
    let mut renamed = schema::validated(claimtrace(&[
        "claims",
        "seeds/india-eu-security-defence.txt",
        "--format",
        "json",
    ]));
    renamed["claims"][0]["speakr"] = serde_json::json!(null);
    assert!(!schema::is_valid(&renamed));
}

#[test]
fn the_schema_command_prints_the_shipped_schema() {
    let printed = claimtrace(&["schema"]);
    let shipped =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/audit.schema.json"))
            .expect("the schema file");
    assert_eq!(printed, shipped);
    let parsed: serde_json::Value = serde_json::from_slice(&printed).expect("JSON");
    assert_eq!(
        parsed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

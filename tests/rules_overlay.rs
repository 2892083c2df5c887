//! A rules folder adds to the built-in rules file by file, as a Vale style
//! does: a one-line file adds a reporting verb, a `-entry` line removes an
//! entry, `# replace` replaces a file whole, and a mistake names the
//! user's file and line.

#[path = "support/schema.rs"]
mod schema;

use std::path::Path;
use std::process::{Command, Output};

fn claimtrace(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .output()
        .expect("claimtrace runs")
}

/// A repository holding `text` in `story.txt` and the rules folder `house/`
/// with `files`.
fn repository(text: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(folder.path().join("claimtrace.toml"), "").expect("written");
    std::fs::write(folder.path().join("story.txt"), text).expect("written");
    std::fs::create_dir(folder.path().join("house")).expect("folder");
    for (name, body) in files {
        std::fs::write(folder.path().join("house").join(name), body).expect("written");
    }
    folder
}

fn speakers(output: &Output) -> Vec<String> {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = schema::validated(&output.stdout);
    json["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|claim| claim["speaker"]["name"].as_str().unwrap_or("—").to_string())
        .collect()
}

const HARRUMPH: &str = "“The levy is a scandal,” harrumphed the harbour master.\n";

#[test]
fn a_one_line_file_adds_a_reporting_verb() {
    let repo = repository(
        HARRUMPH,
        &[("attribution.toml", "verbs = [\"harrumph\"]\n")],
    );
    let built_in = claimtrace(repo.path(), &["claims", "story.txt", "--format", "json"]);
    assert_eq!(speakers(&built_in), ["—"]);
    let added = claimtrace(
        repo.path(),
        &[
            "claims",
            "story.txt",
            "--format",
            "json",
            "--rules",
            "house",
        ],
    );
    assert_eq!(speakers(&added), ["harbour master"]);
    // The same folder named in claimtrace.toml serves `check`.
    std::fs::write(repo.path().join("claimtrace.toml"), "rules = \"house\"\n").expect("written");
    std::fs::write(
        repo.path().join("draft.txt"),
        "“The levy is a scandal,” said the mayor.\n",
    )
    .expect("written");
    let output = claimtrace(
        repo.path(),
        &[
            "check",
            "draft.txt",
            "--source",
            "story.txt",
            "--format",
            "json",
        ],
    );
    let audit: serde_json::Value = schema::validated(&output.stdout);
    assert_eq!(
        audit["documents"][0]["findings"][0]["rule"], "misattributed-quote",
        "{audit}"
    );
}

#[test]
fn a_minus_line_removes_an_entry() {
    let text = "Gen. Okafor spoke. The port opened.\n";
    let repo = repository(text, &[("abbreviations.txt", "# not a title here\n-gen\n")]);
    let count = |args: &[&str]| {
        let output = claimtrace(repo.path(), args);
        let json: serde_json::Value = schema::validated(&output.stdout);
        json["sentences"].as_array().expect("sentences").len()
    };
    assert_eq!(count(&["sentences", "story.txt", "--format", "json"]), 2);
    assert_eq!(
        count(&[
            "sentences",
            "story.txt",
            "--format",
            "json",
            "--rules",
            "house"
        ]),
        3
    );
}

#[test]
fn a_replace_line_replaces_the_file_whole() {
    let repo = repository(
        HARRUMPH,
        &[(
            "attribution.toml",
            "# replace\n# a house list that knows nothing\nverbs = []\nquote_verbs = []\n",
        )],
    );
    let output = claimtrace(repo.path(), &["claims", "story.txt", "--rules", "house"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: house/attribution.toml:"),
        "{stderr}"
    );
}

#[test]
fn mistakes_name_the_users_file_and_line() {
    for (name, body, expected) in [
        (
            "attribution.toml",
            "# house verbs\nverbz = [\"harrumph\"]\n",
            "error: house/attribution.toml:2: unknown key `verbz`",
        ),
        (
            "attribution.toml",
            "\n\nverbs = [\"-bellow-of-nothing\"]\n",
            "error: house/attribution.toml:3: `-bellow-of-nothing` removes nothing",
        ),
        (
            "abbreviations.txt",
            "# ours\nxyz title\n-nosuch\n",
            "error: house/abbreviations.txt:3: `-nosuch` removes nothing",
        ),
        (
            "abbreviations.txt",
            "xyz title\nqq kind-that-is-not\n",
            "error: house/abbreviations.txt:2:",
        ),
    ] {
        let repo = repository(HARRUMPH, &[(name, body)]);
        let output = claimtrace(repo.path(), &["claims", "story.txt", "--rules", "house"]);
        assert_eq!(output.status.code(), Some(2), "{name}: {body}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with(expected), "{name}: {body}\n{stderr}");
    }
}

//! `claimtrace claims --explain` and `CLAIMTRACE_PASSES_OFF` end to end:
//! every speaker of the seed article names the pass that decided it, the
//! default output has no such field, and switching a pass off through the
//! environment changes a speaker (on an article written for this test).

use std::path::Path;
use std::process::{Command, Output};

use claimtrace::claims::passes;

const SEED: &str = "seeds/india-eu-security-defence.txt";

fn claimtrace(args: &[&str], passes_off: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimtrace"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove(passes::PASSES_OFF);
    if let Some(off) = passes_off {
        command.env(passes::PASSES_OFF, off);
    }
    command.output().expect("claimtrace runs")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// Whether `decided_by` names a known pass when `speaker` is set, and is
/// null when it is not.
fn names_a_pass(speaker: &serde_json::Value, decided_by: &serde_json::Value) -> bool {
    let known = passes::names();
    match (speaker.is_null(), decided_by.as_str()) {
        (true, None) => decided_by.is_null(),
        (false, Some(pass)) => known.contains(&pass),
        _ => false,
    }
}

#[test]
fn explain_names_a_pass_for_every_speaker_of_the_seed() {
    let output = json(&claimtrace(
        &["claims", SEED, "--explain", "--format", "json"],
        None,
    ));
    let claims = output["claims"].as_array().expect("claims");
    let mut speakers = 0;
    for claim in claims {
        assert!(
            names_a_pass(&claim["speaker"], &claim["decided_by"]),
            "{claim:#}"
        );
        speakers += usize::from(!claim["speaker"].is_null());
        for quote in claim["quotes"].as_array().expect("quotes") {
            assert!(
                names_a_pass(&quote["speaker"], &quote["decided_by"]),
                "{quote:#}"
            );
        }
    }
    assert!(speakers >= 10, "the seed has speakers: {speakers}");
}

#[test]
fn default_output_has_no_decisions() {
    let output = claimtrace(&["claims", SEED, "--format", "json"], None);
    assert!(!String::from_utf8_lossy(&output.stdout).contains("decided_by"));
    let human = claimtrace(&["claims", SEED], None);
    assert!(!String::from_utf8_lossy(&human.stdout).contains("decided by"));
}

#[test]
fn explain_in_the_table_names_the_pass_under_each_claim() {
    let output = claimtrace(&["claims", SEED, "--explain"], None);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("speaker Rajnath Singh, decided by subject-before-verb"),
        "{text}"
    );
    assert!(
        text.contains(": Modi, decided by cue-right-after"),
        "{text}"
    );
}

#[test]
fn a_pass_switched_off_changes_a_speaker() {
    let folder = tempfile::tempdir().expect("a scratch folder");
    let article = folder.path().join("article.txt");
    std::fs::write(
        &article,
        "Aides said the mayor called the ruling “a gift to developers.”\n",
    )
    .expect("writing the article");
    let path = article.to_str().expect("a UTF-8 path");
    let speaker = |off: Option<&str>| {
        let output = json(&claimtrace(
            &["claims", path, "--explain", "--format", "json"],
            off,
        ));
        let quote = &output["claims"][0]["quotes"][0];
        (quote["speaker"].clone(), quote["decided_by"].clone())
    };
    assert_eq!(speaker(None), ("Aides".into(), "outermost-reporter".into()));
    assert_eq!(
        speaker(Some("outermost-reporter")),
        ("mayor".into(), "cue-before-in-sentence".into())
    );
    // Several passes at once, spaces allowed: the next pass decides.
    assert_eq!(
        speaker(Some("outermost-reporter, cue-before-in-sentence")),
        ("Aides".into(), "cue-scope-covers".into())
    );
}

#[test]
fn an_unknown_pass_is_a_usage_error_listing_the_passes() {
    for command in [&["claims", SEED][..], &["sentences", SEED]] {
        let output = claimtrace(command, Some("cue-right-after,no-such-pass"));
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("`no-such-pass`"), "{stderr}");
        assert!(stderr.contains("outermost-reporter"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED).exists());
}

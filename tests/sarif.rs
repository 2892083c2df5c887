//! `--format sarif` validates against the SARIF 2.1.0 schema (shipped in
//! tests/schemas/), and `--format github` writes escaped workflow commands,
//! for every finding kind's fixture.

use std::process::Command;

fn check(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("claimtrace runs");
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

const RULES: [&str; 9] = [
    "misquote",
    "fabricated-quote",
    "misattributed-quote",
    "figure-mismatch",
    "unsourced-figure",
    "unsupported-attribution",
    "citation-mismatch",
    "broken-citation",
    "unverifiable-citation",
];

#[test]
fn sarif_output_validates_against_the_schema() {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-2.1.0.json")).expect("the schema is JSON");
    // The published schema's pattern for `language` properties has a stray
    // `]` that ECMAScript tolerates and Rust's regex does not. claimtrace
    // never writes `language`; the pattern is restated without the stray
    // bracket so that the rest of the schema compiles as published.
    let fixed = restate_language_patterns(&mut schema);
    assert!(
        fixed > 0,
        "the defect is where it was; drop this workaround if not"
    );
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let mut drafts: Vec<String> = RULES
        .iter()
        .map(|r| format!("tests/fixtures/{r}/draft.md"))
        .collect();
    drafts.push("tests/fixtures/clean/".to_string());
    let mut args = vec!["check"];
    args.extend(drafts.iter().map(String::as_str));
    args.extend(["--source", "tests/fixtures/sources/", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&check(&args)).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject a broken log: the check can fail.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
    let results = log["runs"][0]["results"].as_array().unwrap();
    // One result per fixture; the broken-citation fixture has two.
    assert_eq!(results.len(), 10);
    for result in results {
        assert!(result["partialFingerprints"]["claimtraceFinding/v1"].is_string());
        assert!(result["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64());
    }
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        13
    );
}

#[test]
fn sarif_snapshot() {
    let out = check(&[
        "check",
        "tests/fixtures/misquote/draft.md",
        "--source",
        "tests/fixtures/sources/",
        "--format",
        "sarif",
    ]);
    insta::assert_snapshot!("misquote_sarif", out);
}

#[test]
fn github_annotations_for_every_kind() {
    for rule in RULES {
        let draft = format!("tests/fixtures/{rule}/draft.md");
        let out = check(&[
            "check",
            &draft,
            "--source",
            "tests/fixtures/sources/",
            "--format",
            "github",
        ]);
        let first = out.lines().next().unwrap_or_default();
        let kind = claimtrace::check::Kind::from_name(rule).expect("a kind");
        let command = match kind.default_severity() {
            claimtrace::check::Severity::Error => "::error ",
            claimtrace::check::Severity::Warning => "::warning ",
            claimtrace::check::Severity::Info => "::notice ",
        };
        assert!(
            first.starts_with(&format!(
                "{command}file=tests/fixtures/{rule}/draft.md,line="
            )),
            "{first}"
        );
        assert!(
            first.contains(&format!(",title=claimtrace {rule}::")),
            "{first}"
        );
        assert!(!first.contains('\r'), "{first}");
        let commands = if rule == "broken-citation" { 2 } else { 1 };
        assert_eq!(
            out.lines().count(),
            commands + 1,
            "commands and the summary: {out}"
        );
        insta::assert_snapshot!(format!("{rule}_github"), out);
    }
}

/// Replaces the defective `language` pattern wherever the schema has it;
/// returns how many it replaced.
fn restate_language_patterns(value: &mut serde_json::Value) -> usize {
    const DEFECTIVE: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match value {
        serde_json::Value::Object(map) => {
            let mut fixed = 0;
            if map.get("pattern").and_then(|p| p.as_str()) == Some(DEFECTIVE) {
                map.insert(
                    "pattern".into(),
                    serde_json::json!("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}?$"),
                );
                fixed += 1;
            }
            fixed
                + map
                    .values_mut()
                    .map(restate_language_patterns)
                    .sum::<usize>()
        }
        serde_json::Value::Array(items) => items.iter_mut().map(restate_language_patterns).sum(),
        _ => 0,
    }
}

/// Every output format for the citation kinds, front matter and
/// suppression comments.
#[test]
fn formats_for_citations_front_matter_and_suppression() {
    for (name, draft) in [
        (
            "citation-mismatch",
            "tests/fixtures/citation-mismatch/draft.md",
        ),
        ("broken-citation", "tests/fixtures/broken-citation/draft.md"),
        (
            "unverifiable-citation",
            "tests/fixtures/unverifiable-citation/draft.md",
        ),
        ("front-matter", "tests/fixtures/front-matter/draft.md"),
        ("suppression", "tests/fixtures/suppression/draft.md"),
    ] {
        let sarif = check(&[
            "check",
            draft,
            "--source",
            "tests/fixtures/sources/",
            "--format",
            "sarif",
        ]);
        insta::assert_snapshot!(format!("{name}_sarif"), sarif);
        let github = check(&[
            "check",
            draft,
            "--source",
            "tests/fixtures/sources/",
            "--format",
            "github",
        ]);
        insta::assert_snapshot!(format!("{name}_github_all"), github);
    }
}

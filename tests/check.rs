//! `claimtrace check` end to end: one fixture per finding kind under
//! `tests/fixtures/<rule>/`, checked against the fixture sources, with a
//! snapshot of both output formats; clean drafts that must give no finding;
//! the shipped examples; and input errors.

#[path = "support/schema.rs"]
mod schema;

use std::collections::BTreeSet;
mod common;

use std::process::Output;

use claimtrace::check::Kind;
use common::claimtrace;

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// The rules of every finding in a JSON audit.
fn rules_found(json: &str) -> BTreeSet<String> {
    let audit: serde_json::Value = schema::validated(json);
    audit["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| d["findings"].as_array().expect("findings").clone())
        .map(|f| f["rule"].as_str().expect("rule").to_string())
        .collect()
}

const SOURCES: &str = "tests/fixtures/sources/";

/// Checks the fixture of `rule` in both formats and snapshots them.
fn check_fixture(rule: &str, expected_exit: i32) {
    check_fixture_against(rule, expected_exit, SOURCES);
}

/// Checks the fixture of `rule` against `sources`, in both formats, and
/// snapshots them.
fn check_fixture_against(rule: &str, expected_exit: i32, sources: &str) {
    let draft = format!("tests/fixtures/{rule}/draft.md");
    let json = claimtrace(&["check", &draft, "--source", sources, "--format", "json"]);
    assert_eq!(
        json.status.code(),
        Some(expected_exit),
        "{rule}: {}",
        String::from_utf8_lossy(&json.stderr)
    );
    let json_text = stdout(&json);
    assert_eq!(
        rules_found(&json_text),
        BTreeSet::from([rule.to_string()]),
        "{rule} triggers exactly its kind"
    );
    insta::assert_snapshot!(format!("{rule}_json"), json_text);
    let human = claimtrace(&["check", &draft, "--source", sources]);
    assert_eq!(human.status.code(), Some(expected_exit));
    insta::assert_snapshot!(format!("{rule}_human"), stdout(&human));
}

/// `uncited-source` needs an archive index: the fixture is checked with
/// `--index` over an index of `tests/fixtures/archive/stories/`, built in
/// a temporary folder, and with no source named.
#[test]
fn uncited_source() {
    let index = tempfile::tempdir().expect("a temporary folder");
    let folder = index.path().join("idx");
    let folder = folder.to_str().expect("a UTF-8 path");
    let built = claimtrace(&[
        "index",
        folder,
        "--archive",
        "tests/fixtures/archive/stories",
    ]);
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let draft = "tests/fixtures/uncited-source/draft.md";
    let json = claimtrace(&["check", draft, "--index", folder, "--format", "json"]);
    assert_eq!(
        json.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let json_text = stdout(&json);
    assert_eq!(
        rules_found(&json_text),
        BTreeSet::from(["uncited-source".to_string()]),
    );
    insta::assert_snapshot!("uncited-source_json", json_text);
    let human = claimtrace(&["check", draft, "--index", folder]);
    assert_eq!(human.status.code(), Some(0));
    insta::assert_snapshot!("uncited-source_human", stdout(&human));
}

#[test]
fn misquote() {
    check_fixture("misquote", 1);
}

#[test]
fn fabricated_quote() {
    check_fixture("fabricated-quote", 1);
}

#[test]
fn misattributed_quote() {
    check_fixture("misattributed-quote", 1);
}

#[test]
fn figure_mismatch() {
    check_fixture("figure-mismatch", 0);
}

#[test]
fn unsourced_figure() {
    check_fixture("unsourced-figure", 0);
}

#[test]
fn unsupported_attribution() {
    // A warning: below the default failing severity.
    check_fixture("unsupported-attribution", 0);
    let draft = "tests/fixtures/unsupported-attribution/draft.md";
    let strict = claimtrace(&["check", draft, "--source", SOURCES, "--fail-on", "warning"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn citation_mismatch() {
    check_fixture("citation-mismatch", 0);
}

#[test]
fn broken_citation() {
    check_fixture("broken-citation", 1);
}

#[test]
fn unverifiable_citation() {
    // Information only: a web address is never fetched, never an error.
    check_fixture("unverifiable-citation", 0);
}

#[test]
fn unsupported_claim() {
    // A warning: an invented clause on a true sentence, marked at the
    // clause.
    check_fixture("unsupported-claim", 0);
}

#[test]
fn contradicted_claim() {
    check_fixture("contradicted-claim", 0);
}

#[test]
fn misattributed_statement() {
    check_fixture("misattributed-statement", 0);
}

#[test]
fn conflicting_sources() {
    check_fixture_against("conflicting-sources", 0, "tests/fixtures/trace/sources/");
}

#[test]
fn clean_drafts_give_no_finding() {
    let drafts = [
        "tests/fixtures/clean/paraphrase.md",
        "tests/fixtures/clean/aliases-and-pronouns.md",
        "tests/fixtures/clean/partial-and-edited-quotes.md",
        "tests/fixtures/clean/markdown-structure.md",
        "tests/fixtures/clean/figure-spellings.txt",
    ];
    for draft in drafts {
        let output = claimtrace(&["check", draft, "--source", SOURCES, "--format", "json"]);
        assert_eq!(output.status.code(), Some(0), "{draft}");
        assert_eq!(
            rules_found(&stdout(&output)),
            BTreeSet::new(),
            "{draft} is faithful"
        );
    }
    // The whole folder at once, as a gate would run it.
    let output = claimtrace(&[
        "check",
        "tests/fixtures/clean/",
        "--source",
        SOURCES,
        "--format",
        "json",
    ]);
    let audit: serde_json::Value = schema::validated(stdout(&output));
    assert_eq!(audit["summary"]["documents"], 5);
    assert_eq!(audit["summary"]["errors"], 0);
    insta::assert_snapshot!(
        "clean_human",
        stdout(&claimtrace(&[
            "check",
            "tests/fixtures/clean/",
            "--source",
            SOURCES
        ]))
    );
}

#[test]
fn shipped_examples_trigger_their_kind() {
    for rule in [
        "misquote",
        "fabricated-quote",
        "misattributed-quote",
        "figure-mismatch",
        "unsourced-figure",
        "unsupported-attribution",
        "unsupported-claim",
        "contradicted-claim",
        "misattributed-statement",
        "conflicting-sources",
    ] {
        let draft = format!("examples/{rule}.md");
        let output = claimtrace(&["check", &draft, "--source", "seeds/", "--format", "json"]);
        assert_eq!(
            rules_found(&stdout(&output)),
            BTreeSet::from([rule.to_string()]),
            "{draft}"
        );
    }
    let clean = claimtrace(&["check", "examples/clean.md", "--source", "seeds/"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stdout(&clean));
}

#[test]
fn strict_quotes_count_spelling() {
    let dir = std::env::temp_dir().join(format!("claimtrace-strict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("draft.md");
    std::fs::write(
        &draft,
        "“This is the largest investment in our harbors in a decade,” Odhiambo said.\n",
    )
    .unwrap();
    let draft = draft.to_str().unwrap();
    let lenient = claimtrace(&["check", draft, "--source", SOURCES, "--format", "json"]);
    let strict = claimtrace(&[
        "check",
        draft,
        "--source",
        SOURCES,
        "--format",
        "json",
        "--strict-quotes",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(rules_found(&stdout(&lenient)), BTreeSet::new());
    assert_eq!(
        rules_found(&stdout(&strict)),
        BTreeSet::from(["misquote".to_string()])
    );
}

#[test]
fn explain_lists_and_documents_every_kind() {
    let list = stdout(&claimtrace(&["explain"]));
    assert_eq!(list.lines().count(), Kind::ALL.len());
    for (kind, line) in Kind::ALL.iter().zip(list.lines()) {
        assert!(line.starts_with(kind.name()), "{line}");
        let text = stdout(&claimtrace(&["explain", kind.name()]));
        for part in ["What it does", "Why is this bad?", "Example"] {
            assert!(text.contains(part), "{}: {text}", kind.name());
        }
    }
    let unknown = claimtrace(&["explain", "nonsense"]);
    assert_eq!(unknown.status.code(), Some(2));
}

/// Every kind of the registry has its fixture, `tests/fixtures/<name>/draft.md`,
/// and the snapshots of its test above: a kind added without them fails
/// here.
#[test]
fn every_kind_has_a_fixture_and_snapshots() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for kind in Kind::ALL {
        let name = kind.name();
        let draft = root.join(format!("tests/fixtures/{name}/draft.md"));
        assert!(
            draft.is_file(),
            "{name} has no fixture at {}",
            draft.display()
        );
        for format in ["json", "human"] {
            let snapshot = root.join(format!("tests/snapshots/check__{name}_{format}.snap"));
            assert!(
                snapshot.is_file(),
                "{name} has no {format} snapshot: add its test to tests/check.rs"
            );
        }
    }
}

#[test]
fn input_errors_exit_2() {
    let missing = claimtrace(&["check", "examples/clean.md", "--source", "no/such/folder"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8(missing.stderr).unwrap();
    assert!(stderr.starts_with("error: no/such/folder: "), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
    let no_source = claimtrace(&["check", "examples/clean.md"]);
    assert_eq!(no_source.status.code(), Some(2));
}

/// Drafts of the seed article as editors write them: a faithful retelling
/// gives no finding; a draft with the errors editors really make gives
/// exactly those.
#[test]
fn seed_drafts_faithful_and_erring() {
    let faithful = claimtrace(&[
        "check",
        "tests/fixtures/seed-drafts/faithful.md",
        "--source",
        "seeds/",
        "--format",
        "json",
    ]);
    assert_eq!(rules_found(&stdout(&faithful)), BTreeSet::new());

    let erring = claimtrace(&[
        "check",
        "tests/fixtures/seed-drafts/editor-errors.md",
        "--source",
        "seeds/",
        "--format",
        "json",
    ]);
    let audit: serde_json::Value = schema::validated(stdout(&erring));
    let found: Vec<(String, u64)> = audit["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("misquote", 3),            // "the foundation" for "a foundation"
        ("misattributed-quote", 5), // Singh's words given to Kallas
        ("figure-mismatch", 7),     // 2035 for 2030
        ("figure-mismatch", 9),     // €150 million for €150 billion
        ("figure-mismatch", 11),    // eleven countries for nine
        ("figure-mismatch", 13),    // half for a third
    ];
    let expected: Vec<(String, u64)> = expected.iter().map(|(r, l)| (r.to_string(), *l)).collect();
    assert_eq!(found, expected);
}

#[test]
fn derived_figures_and_role_aliases_are_supported() {
    let output = claimtrace(&[
        "check",
        "tests/fixtures/seed-drafts/derived-and-roles.md",
        "--source",
        "seeds/",
        "--format",
        "json",
    ]);
    let audit: serde_json::Value = schema::validated(stdout(&output));
    assert_eq!(audit["summary"]["errors"], 0);
    let evidence = audit["documents"][0]["claims"][0]["evidence"]
        .as_array()
        .unwrap();
    assert!(
        evidence
            .iter()
            .any(|e| e["derivation"] == "A third of €150-billion"),
        "{evidence:?}"
    );
}

/// The README shows the real output of its commands.
#[test]
fn readme_shows_real_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (draft, status) in [("examples/clean.md", 0), ("examples/misquote.md", 1)] {
        let output = claimtrace(&["check", draft, "--source", "seeds/"]);
        assert_eq!(output.status.code(), Some(status), "{draft}");
        let shown = stdout(&output);
        assert!(
            readme.contains(shown.trim_end()),
            "README shows stale output for {draft}:\n{shown}"
        );
    }
}

/// A draft that declares its sources in front matter needs no --source.
#[test]
fn front_matter_declares_sources() {
    let draft = "tests/fixtures/front-matter/draft.md";
    let json = claimtrace(&["check", draft, "--format", "json"]);
    // Its findings are warnings: it passes a gate failing on errors.
    assert_eq!(json.status.code(), Some(0));
    let text = stdout(&json);
    let audit: serde_json::Value = schema::validated(&text);
    assert_eq!(
        audit["documents"][0]["sources"][0],
        "tests/fixtures/sources/port-deal.txt"
    );
    assert_eq!(
        rules_found(&text),
        BTreeSet::from(["figure-mismatch".to_string()])
    );
    insta::assert_snapshot!("front_matter_json", text);
    insta::assert_snapshot!("front_matter_human", stdout(&claimtrace(&["check", draft])));
}

/// Inline directives silence what they name, and nothing else.
#[test]
fn suppression_comments() {
    let draft = "tests/fixtures/suppression/draft.md";
    let json = claimtrace(&["check", draft, "--source", SOURCES, "--format", "json"]);
    let text = stdout(&json);
    let audit: serde_json::Value = schema::validated(&text);
    let findings = audit["documents"][0]["findings"].as_array().unwrap();
    assert_eq!(
        findings.len(),
        1,
        "only the finding after `claimtrace on` is left"
    );
    assert_eq!(findings[0]["span"]["line"], 12);
    insta::assert_snapshot!("suppression_json", text);
    insta::assert_snapshot!(
        "suppression_human",
        stdout(&claimtrace(&["check", draft, "--source", SOURCES]))
    );
    insta::assert_snapshot!(
        "suppression_github",
        stdout(&claimtrace(&[
            "check", draft, "--source", SOURCES, "--format", "github"
        ]))
    );
}

#[test]
fn a_directive_naming_an_unknown_rule_is_refused() {
    let dir = std::env::temp_dir().join(format!("claimtrace-directive-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("draft.md");
    std::fs::write(
        &draft,
        "Intro.\n\n<!-- claimtrace-disable-next-line misqoute -->\nText.\n",
    )
    .unwrap();
    let output = claimtrace(&["check", draft.to_str().unwrap(), "--source", SOURCES]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("draft.md:3: unknown rule `misqoute`"),
        "{stderr}"
    );
}

/// A source checked against itself is the most faithful draft there is: it
/// must give no finding at all.
#[test]
fn every_source_is_faithful_to_itself() {
    for source in [
        "seeds/india-eu-security-defence.txt",
        "tests/fixtures/sources/port-deal.txt",
        "tests/fixtures/sources/rail-link.txt",
    ] {
        // A copy: a draft is never evidence for itself.
        let dir = std::env::temp_dir().join(format!("claimtrace-self-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let copy = dir.join(std::path::Path::new(source).file_name().unwrap());
        std::fs::copy(source, &copy).unwrap();
        let copy = copy.to_str().unwrap();
        let output = claimtrace(&["check", copy, "--source", source, "--format", "json"]);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(rules_found(&stdout(&output)), BTreeSet::new(), "{source}");
    }
}

/// A word changed in a short quoted phrase is the phrase misquoted, not a
/// new quotation.
#[test]
fn short_phrases_misquoted() {
    let dir = std::env::temp_dir().join(format!("claimtrace-short-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let draft = dir.join("draft.md");
    std::fs::write(
        &draft,
        "De Vries called the deal a “model for fair trade”.\n\nThe deal is a “landmark agreement”, officials said.\n",
    )
    .unwrap();
    let output = claimtrace(&[
        "check",
        draft.to_str().unwrap(),
        "--source",
        SOURCES,
        "--format",
        "json",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    let audit: serde_json::Value = schema::validated(stdout(&output));
    let rules: Vec<&str> = audit["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["misquote", "fabricated-quote"]);
}

/// The findings of a JSON audit as (rule, line, message), in order.
fn findings_of(json: &str) -> Vec<(String, u64, String)> {
    let audit: serde_json::Value = schema::validated(json);
    audit["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| d["findings"].as_array().expect("findings").clone())
        .map(|f| {
            (
                f["rule"].as_str().expect("rule").to_string(),
                f["span"]["line"].as_u64().expect("line"),
                f["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

/// Three sentences of the seed's event retold wrongly: an invented trade
/// deal, a proposal turned into a decision, and the signing moved and its
/// signatories swapped. Each gets exactly the finding it deserves.
#[test]
fn three_wrong_retellings_of_the_seed() {
    let output = claimtrace(&[
        "check",
        "tests/fixtures/trace/seed-retellings.md",
        "--source",
        "seeds/",
        "--format",
        "json",
    ]);
    let found = findings_of(&stdout(&output));
    let kinds: Vec<(&str, u64)> = found.iter().map(|(r, l, _)| (r.as_str(), *l)).collect();
    assert_eq!(
        kinds,
        [
            ("unsupported-claim", 1),
            ("contradicted-claim", 3),
            ("contradicted-claim", 5)
        ],
        "{found:#?}"
    );
    assert!(found[0].2.contains("dairy"), "{}", found[0].2);
    assert!(found[1].2.contains("less certain"), "{}", found[1].2);
    assert!(
        found[2].2.contains("Jaishankar") && found[2].2.contains("Narendra Modi"),
        "{}",
        found[2].2
    );
    let audit: serde_json::Value = schema::validated(stdout(&output));
    let claims = audit["documents"][0]["claims"].as_array().unwrap();
    let verdicts: Vec<&str> = claims
        .iter()
        .map(|c| c["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["unsupported", "contradicted", "contradicted"]);
    let unsupported: Vec<&str> = claims[0]["unsupported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert_eq!(unsupported, ["trade", "covering", "agriculture", "dairy"]);
}

/// Drafts of a council vote (two outlets that disagree), a clinical trial
/// and quarterly results: faithful rewrites in other words give nothing;
/// drafts with the errors editors make give exactly those, one a line.
#[test]
fn faithful_rewrites_pass_and_errors_are_traced() {
    let sources = "tests/fixtures/trace/sources/";
    for draft in ["council", "trial", "results", "grocer"] {
        let path = format!("tests/fixtures/trace/faithful/{draft}.md");
        let output = claimtrace(&["check", &path, "--source", sources, "--format", "json"]);
        assert_eq!(findings_of(&stdout(&output)), [], "{path} is faithful");
        assert_eq!(output.status.code(), Some(0));
    }
    let expected: [(&str, &[(&str, u64)]); 3] = [
        (
            "council",
            &[
                ("conflicting-sources", 3),     // 6-1 where the other outlet has 5-2
                ("misattributed-statement", 5), // the mayor's words given to Webb
                ("unsupported-claim", 7),       // a school nobody mentioned
                ("contradicted-claim", 9),      // "has not agreed": negation flipped
                ("figure-mismatch", 11),        // 340, a number the story has elsewhere
            ],
        ),
        (
            "trial",
            &[
                ("unsupported-claim", 5),  // an approval nobody reported
                ("contradicted-claim", 7), // Oxford for Leeds
            ],
        ),
        (
            "results",
            &[
                ("contradicted-claim", 3), // "is considering" made "will build"
                ("contradicted-claim", 5), // makers in France where the source has Germany
            ],
        ),
    ];
    for (draft, kinds) in expected {
        let path = format!("tests/fixtures/trace/erring/{draft}.md");
        let output = claimtrace(&["check", &path, "--source", sources, "--format", "json"]);
        let found = findings_of(&stdout(&output));
        let got: Vec<(&str, u64)> = found.iter().map(|(r, l, _)| (r.as_str(), *l)).collect();
        assert_eq!(got, kinds, "{path}: {found:#?}");
    }
}

/// A changed first or last word of a quotation is a substitution, and the
/// fix quotes the source's exact words on one line, with no quotation
/// marks left from a quotation that runs over two paragraphs.
#[test]
fn misquotes_at_the_edges_and_over_paragraphs() {
    let dir = std::env::temp_dir().join(format!("claimtrace-edges-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("source.txt");
    std::fs::write(
        &source,
        "Mayor Ida Lund spoke on Monday.\n\n\
         “Nobody on the seafront will lose their home to the sea,” Lund said.\n\n\
         “We will rebuild the harbour wall before the winter storms arrive.\n\n\
         “Every family on the seafront will be safe by Christmas,” she said.\n",
    )
    .unwrap();
    let draft = dir.join("draft.md");
    std::fs::write(
        &draft,
        "“Everybody on the seafront will lose their home to the sea,” Lund said.\n\n\
         “We will rebuild the harbour wall before the winter storms arrive. Every family \
         on the seafront will be safe by Easter,” Lund said.\n",
    )
    .unwrap();
    let output = claimtrace(&[
        "check",
        draft.to_str().unwrap(),
        "--source",
        source.to_str().unwrap(),
        "--format",
        "json",
    ]);
    std::fs::remove_dir_all(&dir).unwrap();
    let audit: serde_json::Value = schema::validated(stdout(&output));
    let findings = audit["documents"][0]["findings"].as_array().unwrap();
    let misquotes: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["rule"] == "misquote")
        .map(|f| (f["message"].as_str().unwrap(), f["fix"].as_str().unwrap()))
        .collect();
    assert_eq!(misquotes.len(), 2, "{findings:#?}");
    assert!(
        misquotes[0]
            .0
            .starts_with("the quotation changes “Nobody” to “Everybody”"),
        "{}",
        misquotes[0].0
    );
    assert_eq!(
        misquotes[0].1,
        "quote the source: “Nobody on the seafront will lose their home to the sea”"
    );
    assert!(
        misquotes[1]
            .0
            .starts_with("the quotation changes “Christmas” to “Easter”"),
        "{}",
        misquotes[1].0
    );
    assert_eq!(
        misquotes[1].1,
        "quote the source: “We will rebuild the harbour wall before the winter storms arrive. \
         Every family on the seafront will be safe by Christmas”"
    );
}

/// A name and its initials are one name: "EU" traces to "European Union"
/// and back; initials no source spells out are a name no source uses.
#[test]
fn initials_trace_to_the_names_they_stand_for() {
    let dir = std::env::temp_dir().join(format!("claimtrace-initials-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let long = dir.join("long.txt");
    let short = dir.join("short.txt");
    std::fs::write(
        &long,
        "The European Union and the Bank of England met on Monday.\n",
    )
    .unwrap();
    std::fs::write(&short, "The EU and the BoE met on Monday.\n").unwrap();
    let check = |draft: &std::path::Path, source: &std::path::Path| {
        let output = claimtrace(&[
            "check",
            draft.to_str().unwrap(),
            "--source",
            source.to_str().unwrap(),
            "--format",
            "json",
        ]);
        findings_of(&stdout(&output))
    };
    let found = [check(&short, &long), check(&long, &short)];
    let invented = dir.join("invented.md");
    std::fs::write(
        &invented,
        "The IMF and the Bank of England met on Monday.\n",
    )
    .unwrap();
    let imf = check(&invented, &long);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found, [vec![], vec![]]);
    assert_eq!(imf.len(), 1, "{imf:?}");
    assert_eq!(imf[0].0, "unsupported-claim");
    assert!(imf[0].2.contains("“IMF”"), "{}", imf[0].2);
}

/// The findings of the JSON audit of `draft` checked against `sources`,
/// validated against the schema.
fn json_findings(draft: &str, sources: &str) -> Vec<serde_json::Value> {
    let output = claimtrace(&["check", draft, "--source", sources, "--format", "json"]);
    let audit: serde_json::Value = schema::validated(stdout(&output));
    audit["documents"][0]["findings"]
        .as_array()
        .expect("findings")
        .clone()
}

/// A citation is wrong only where another source holds the claim and the
/// cited one does not retell it: a cited source that retells the sentence
/// holds it, though another holds it better; and a citing claim that no
/// source holds is unsupported, its citation only a lead.
#[test]
fn a_citation_is_wrong_only_against_positive_evidence() {
    let findings: Vec<(String, String)> = json_findings(
        "tests/fixtures/citations/draft.md",
        "tests/fixtures/citations/sources/",
    )
    .iter()
    .map(|f| {
        (
            f["rule"].as_str().expect("rule").to_string(),
            f["severity"].as_str().expect("severity").to_string(),
        )
    })
    .collect();
    assert_eq!(
        findings,
        [
            ("unsupported-claim".to_string(), "warning".to_string()),
            ("citation-mismatch".to_string(), "info".to_string()),
        ],
        "the first claim's citation holds; the second's is a lead"
    );
}

/// A source that declares its speaker (a first line "Remarks by …", or
/// `speaker:` in front matter) is that speaker's words: quoted as theirs
/// it is clean, given to someone else it is misattributed.
#[test]
fn a_declared_speaker_owns_the_source_words() {
    let findings: Vec<(String, String, u64)> = json_findings(
        "tests/fixtures/declared-speaker/draft.md",
        "tests/fixtures/declared-speaker/sources/",
    )
    .iter()
    .map(|f| {
        (
            f["rule"].as_str().expect("rule").to_string(),
            f["severity"].as_str().expect("severity").to_string(),
            f["span"]["line"].as_u64().expect("line"),
        )
    })
    .collect();
    assert_eq!(
        findings,
        [("misattributed-quote".to_string(), "error".to_string(), 6)],
        "the mayor's remarks are hers; the statement is Reyes's"
    );
}

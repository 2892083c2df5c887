//! `claimtrace.toml`: found at the repository root, every key optional,
//! flags win over it, and a mistake in it names the file and line.

#[path = "support/schema.rs"]
mod schema;

use std::path::PathBuf;
use std::process::{Command, Output};

/// A repository with drafts, sources and a configuration file.
struct Repo {
    root: PathBuf,
}

impl Repo {
    fn new(name: &str, config: &str) -> Repo {
        let root =
            std::env::temp_dir().join(format!("claimtrace-config-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("drafts/2026")).unwrap();
        std::fs::create_dir_all(root.join("sources")).unwrap();
        let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        std::fs::copy(
            fixtures.join("sources/port-deal.txt"),
            root.join("sources/port-deal.txt"),
        )
        .unwrap();
        // A misquote and an unsupported attribution.
        std::fs::copy(
            fixtures.join("misquote/draft.md"),
            root.join("drafts/2026/misquote.md"),
        )
        .unwrap();
        std::fs::copy(
            fixtures.join("unsupported-attribution/draft.md"),
            root.join("drafts/2026/attribution.md"),
        )
        .unwrap();
        std::fs::write(
            root.join("drafts/notes.txt"),
            "Not a draft the glob selects.\n",
        )
        .unwrap();
        std::fs::write(root.join("claimtrace.toml"), config).unwrap();
        Repo { root }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_claimtrace"))
            .arg("check")
            .args(args)
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .output()
            .expect("claimtrace runs")
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn rules_and_severities(output: &Output) -> Vec<(String, String)> {
    let audit: serde_json::Value = schema::validated(&output.stdout);
    let mut found: Vec<(String, String)> = audit["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["findings"].as_array().unwrap().clone())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["severity"].as_str().unwrap().into(),
            )
        })
        .collect();
    found.sort();
    found
}

const CONFIG: &str = r#"# The repository's claimtrace settings.
sources = "sources"
drafts = "drafts/**/*.md"
fail-on = "warning"

[severity]
misquote = "warning"
"#;

#[test]
fn drafts_sources_and_severities_come_from_the_file() {
    let repo = Repo::new("all", CONFIG);
    let output = repo.run(&["--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "fail-on = warning: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        rules_and_severities(&output),
        [
            ("misquote".to_string(), "warning".to_string()),
            ("unsupported-attribution".to_string(), "warning".to_string())
        ]
    );
    let audit: serde_json::Value = schema::validated(&output.stdout);
    let paths: Vec<&str> = audit["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["drafts/2026/attribution.md", "drafts/2026/misquote.md"],
        "the glob picks the drafts"
    );
    insta::assert_snapshot!(
        "config_github",
        String::from_utf8_lossy(&repo.run(&["--format", "github"]).stdout)
    );
    insta::assert_snapshot!(
        "config_human",
        String::from_utf8_lossy(&repo.run(&[]).stdout)
    );
}

#[test]
fn flags_win_over_the_file() {
    let repo = Repo::new("flags", CONFIG);
    let output = repo.run(&["--format", "json", "--fail-on", "error"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "only warnings, and --fail-on error"
    );
    let one = repo.run(&["drafts/2026/misquote.md", "--format", "json"]);
    let audit: serde_json::Value = schema::validated(&one.stdout);
    assert_eq!(audit["summary"]["documents"], 1);
}

#[test]
fn a_rule_can_be_turned_off() {
    let repo = Repo::new(
        "off",
        "sources = \"sources\"\ndrafts = \"drafts/**/*.md\"\n\n[severity]\nunsupported-attribution = \"off\"\n",
    );
    let output = repo.run(&["--format", "json"]);
    assert_eq!(
        rules_and_severities(&output),
        [("misquote".to_string(), "error".to_string())]
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn mistakes_name_the_file_and_line() {
    for (config, line, words) in [
        (
            "sources = \"sources\"\ncolour = \"red\"\n",
            2,
            "unknown field `colour`",
        ),
        (
            "[severity]\nmisqoute = \"warning\"\n",
            2,
            "unknown rule `misqoute`",
        ),
        (
            "fail-on = \"sometimes\"\n",
            1,
            "fail-on must be error, warning or never",
        ),
        ("[severity]\nmisquote = \"loud\"\n", 2, "severity must be"),
    ] {
        let repo = Repo::new("bad", config);
        let output = repo.run(&["drafts/2026/misquote.md", "--source", "sources"]);
        assert_eq!(output.status.code(), Some(2), "{config}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("claimtrace.toml:{line}: ")),
            "{config}: {stderr}"
        );
        assert!(stderr.contains(words), "{config}: {stderr}");
        assert_eq!(stderr.lines().count(), 1);
    }
}

//! `claimtrace check --diff`: only findings on lines changed since a base,
//! tested on scratch git repositories made here.
//!
//! Each repository holds the language server's fixture source and a draft
//! whose first misquote is committed on `main` and whose second is made on
//! a branch: `--diff` must report the second, leave out the first, and say
//! so in every format.

#[path = "support/schema.rs"]
mod schema;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lsp");

/// The draft on `main`: a misquote ("triple") already there.
const ON_MAIN: &str = "# Harbour\n\
\n\
Okafor said: “We will triple the capacity of the container terminal within six years.”\n\
\n\
The expansion will cost €240 million, according to the city council.\n";

fn has_git() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

/// Runs git in `dir`, isolated from the machine's configuration.
fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A repository with the source and the draft committed on `main`, and a
/// branch `review` checked out that changes the figure (a second finding,
/// on line 5).
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    git(&root, &["init", "--quiet"]);
    std::fs::create_dir_all(root.join("sources")).unwrap();
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    std::fs::copy(
        Path::new(FIXTURES).join("sources/harbour.txt"),
        root.join("sources/harbour.txt"),
    )
    .unwrap();
    std::fs::write(root.join("drafts/story.md"), ON_MAIN).unwrap();
    git(&root, &["add", "."]);
    git(&root, &["commit", "--quiet", "-m", "draft"]);
    git(&root, &["checkout", "--quiet", "-b", "review"]);
    let changed = ON_MAIN.replace("€240 million", "€250 million");
    std::fs::write(root.join("drafts/story.md"), changed).unwrap();
    git(&root, &["commit", "--quiet", "-am", "figure"]);
    (dir, root)
}

fn claimtrace(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", root)
        .output()
        .expect("claimtrace runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The check of the story, failing on warnings: the figure changed on line
/// 5 is a warning, the misquote on an unchanged line an error.
const CHECK: [&str; 6] = [
    "check",
    "drafts/story.md",
    "--source",
    "sources",
    "--fail-on",
    "warning",
];

macro_rules! skip_without_git {
    () => {
        if !has_git() {
            eprintln!("skipped: git is not installed, and --diff needs it");
            return;
        }
    };
}

#[test]
fn reports_changed_lines_and_leaves_out_unchanged_ones() {
    skip_without_git!();
    let (_dir, root) = repository();
    // Without --diff, both findings.
    let all = claimtrace(&root, &CHECK);
    let out = text(&all.stdout);
    assert!(out.contains("error[misquote]") && out.contains("warning[figure-mismatch]"));

    // With --diff (the default base: main), only the figure on line 5.
    let output = claimtrace(&root, &[&CHECK[..], &["--diff"]].concat());
    let out = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(out.contains("warning[figure-mismatch]"), "{out}");
    assert!(out.contains("drafts/story.md:5:25"), "{out}");
    assert!(!out.contains("misquote"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("; 1 finding on unchanged lines left out"),
        "{out}"
    );

    // The same with a base named, and a base that is the branch itself:
    // nothing changed since, so nothing is reported and the run passes.
    let named = claimtrace(&root, &[&CHECK[..], &["--diff=main"]].concat());
    assert_eq!(text(&named.stdout), out);
    let none = claimtrace(&root, &[&CHECK[..], &["--diff=review"]].concat());
    assert_eq!(none.status.code(), Some(0), "{}", text(&none.stderr));
    assert!(
        text(&none.stdout).contains("0 errors, 0 warnings")
            && text(&none.stdout).contains("; 2 findings on unchanged lines left out")
    );
}

#[test]
fn every_format_leaves_the_same_findings_out() {
    skip_without_git!();
    let (_dir, root) = repository();
    let run = |format: &str| {
        let output = claimtrace(
            &root,
            &[&CHECK[..], &["--diff", "--format", format]].concat(),
        );
        assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
        text(&output.stdout)
    };
    let json: serde_json::Value = schema::validated(run("json"));
    let findings = json["documents"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["rule"], "figure-mismatch");
    assert_eq!(json["summary"]["unchanged"], 1);
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["summary"]["warnings"], 1);

    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let sarif_run = &sarif["runs"][0];
    assert_eq!(sarif_run["results"].as_array().unwrap().len(), 1);
    assert_eq!(sarif_run["results"][0]["ruleId"], "figure-mismatch");
    let notes = sarif_run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["message"]["text"] == "1 finding on unchanged lines left out"),
        "{notes:?}"
    );

    let github = run("github");
    assert_eq!(github.matches("::warning ").count(), 1, "{github}");
    assert!(github.contains("title=figure-mismatch") || github.contains("figure-mismatch"));
    assert!(github.contains("1 finding on unchanged lines left out"));

    let html = run("html");
    assert!(
        html.contains("unchanged"),
        "the HTML report shows the summary"
    );
}

#[test]
fn uncommitted_and_untracked_changes_count() {
    skip_without_git!();
    let (_dir, root) = repository();
    // An edit not committed yet, on the misquote's line.
    let edited = ON_MAIN
        .replace("€240 million", "€250 million")
        .replace("Okafor said", "Okafor, the director, said");
    std::fs::write(root.join("drafts/story.md"), edited).unwrap();
    let output = claimtrace(&root, &[&CHECK[..], &["--diff"]].concat());
    let out = text(&output.stdout);
    assert!(out.contains("error[misquote]") && out.contains("warning[figure-mismatch]"));
    assert!(!out.contains("left out"), "{out}");

    // A new draft git does not track yet: all of it is new.
    std::fs::write(root.join("drafts/new.md"), ON_MAIN).unwrap();
    let output = claimtrace(
        &root,
        &["check", "drafts/new.md", "--source", "sources", "--diff"],
    );
    assert!(text(&output.stdout).contains("error[misquote]"));
}

#[test]
fn clear_errors_without_git_a_repository_or_a_known_base() {
    skip_without_git!();
    let (_dir, root) = repository();
    let unknown = claimtrace(&root, &[&CHECK[..], &["--diff=no-such-branch"]].concat());
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        text(&unknown.stderr),
        "error: --diff: unknown revision `no-such-branch` (a branch, tag or commit this repository has)\n"
    );
    assert!(unknown.stdout.is_empty());

    // git not on PATH.
    let empty = tempfile::tempdir().unwrap();
    let no_git = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args([&CHECK[..], &["--diff"]].concat())
        .current_dir(&root)
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(no_git.status.code(), Some(2));
    let said = text(&no_git.stderr);
    assert!(
        said.starts_with("error: --diff needs git on PATH, and it could not be run:"),
        "{said}"
    );

    // Not a repository.
    let plain = tempfile::tempdir().unwrap();
    let plain_root = plain.path().canonicalize().unwrap();
    std::fs::create_dir(plain_root.join("sources")).unwrap();
    std::fs::copy(
        Path::new(FIXTURES).join("sources/harbour.txt"),
        plain_root.join("sources/harbour.txt"),
    )
    .unwrap();
    std::fs::write(plain_root.join("story.md"), ON_MAIN).unwrap();
    let outside = claimtrace(
        &plain_root,
        &["check", "story.md", "--source", "sources", "--diff"],
    );
    assert_eq!(outside.status.code(), Some(2));
    assert!(
        text(&outside.stderr)
            .starts_with("error: --diff: the current folder is not in a git repository"),
        "{}",
        text(&outside.stderr)
    );

    // No default branch to compare with.
    git(&root, &["branch", "--quiet", "-m", "main", "trunk"]);
    let no_default = claimtrace(&root, &[&CHECK[..], &["--diff"]].concat());
    assert_eq!(no_default.status.code(), Some(2));
    assert!(
        text(&no_default.stderr).contains("cannot tell the default branch"),
        "{}",
        text(&no_default.stderr)
    );
}

#[test]
fn the_base_needs_an_equals_sign() {
    skip_without_git!();
    let (_dir, root) = repository();
    // `--diff main` reads `main` as a draft, which does not exist: an
    // error naming it, not a silent change of meaning.
    let output = claimtrace(&root, &[&CHECK[..], &["--diff", "main"]].concat());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("main"),
        "{}",
        text(&output.stderr)
    );
}

/// The README's example of an unknown base prints what the README says.
#[test]
fn the_readme_example_is_what_claimtrace_prints() {
    skip_without_git!();
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let example = readme
        .split("```text\n$ claimtrace check --diff=no-such-branch\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README shows --diff with an unknown base");
    let (_dir, root) = repository();
    std::fs::write(
        root.join("claimtrace.toml"),
        "sources = \"sources\"\ndrafts = \"drafts/*.md\"\n",
    )
    .unwrap();
    let output = claimtrace(&root, &["check", "--diff=no-such-branch"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stderr).trim_end(), example);
}

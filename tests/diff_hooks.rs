//! The hooks people already use, run as they run them: the pre-commit
//! hooks of `.pre-commit-hooks.yaml` through `pre-commit try-repo` on a
//! sample repository, and the check step of the GitHub Action
//! (`action.yml`) on a scratch pull request; and the README's snippets for
//! both, checked against the files they refer to.
//!
//! `pre-commit` is a Python tool: where it is not installed the test says
//! so and skips, unless `CLAIMTRACE_REQUIRE_PRE_COMMIT` is set (as
//! `.ci/run` does once it has installed it). The test runs the `-rust`
//! hooks, which pre-commit builds from this repository with `cargo
//! install`; it points that build at `target/pre-commit` (unoptimised), so
//! later runs reuse what earlier ones compiled. The Python hooks, which
//! install the prebuilt wheel instead, are run by `tests/wheel.sh`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lsp");

/// A draft with a misquote ("triple") on line 3 and a faithful figure on
/// line 5.
const DRAFT: &str = "# Harbour\n\
\n\
Okafor said: “We will triple the capacity of the container terminal within six years.”\n\
\n\
The expansion will cost €240 million, according to the city council.\n";

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    // A hook manifest is a list at the top level, an action a mapping.
    let options = if text.lines().any(|l| l.starts_with("- ")) {
        marked_yaml::LoaderOptions::default().toplevel_sequence()
    } else {
        marked_yaml::LoaderOptions::default()
    };
    let node = marked_yaml::parse_yaml_with_options(0, &text, options)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    marked_yaml::from_node(&node).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn git(dir: &Path, args: &[&str]) -> Output {
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
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn has(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

/// A publication repository: `claimtrace.toml`, the fixture source, and
/// `drafts/story.md` committed on `main`.
fn publication() -> (tempfile::TempDir, PathBuf) {
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
    std::fs::write(
        root.join("claimtrace.toml"),
        // The publication gates on warnings too: a changed figure fails.
        "sources = \"sources\"\ndrafts = \"drafts/**/*.md\"\nfail-on = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(root.join("drafts/story.md"), DRAFT).unwrap();
    git(&root, &["add", "."]);
    git(&root, &["commit", "--quiet", "-m", "story"]);
    (dir, root)
}

/// What pre-commit printed for the hook named `name`: the lines after its
/// status line (`NAME....Failed`), up to the next hook's. (try-repo runs
/// the hooks in the order of their ids, not of the manifest.)
fn hook_output(out: &str, name: &str) -> String {
    let status_of = format!("{name}.");
    let mut inside = false;
    let mut kept = String::new();
    for line in out.lines() {
        let status = line.contains("...")
            && ["Passed", "Failed", "Skipped"]
                .iter()
                .any(|s| line.ends_with(s));
        if status {
            inside = line.starts_with(&status_of);
        } else if inside {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

#[test]
fn pre_commit_try_repo_runs_the_hooks() {
    if !has("pre-commit") || !has("cargo") || !has("git") {
        assert!(
            std::env::var_os("CLAIMTRACE_REQUIRE_PRE_COMMIT").is_none(),
            "pre-commit, cargo and git are required here"
        );
        eprintln!("skipped: pre-commit (pip install pre-commit), cargo or git is not installed");
        return;
    }
    let in_git = Command::new("git")
        .args(["-C", MANIFEST, "rev-parse", "--git-dir"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !in_git {
        // try-repo needs this crate as a git repository.
        eprintln!(
            "skipped: the crate is not a git checkout, so pre-commit cannot use it as a hook repository"
        );
        return;
    }
    let (_dir, root) = publication();
    // A new faithful draft, and the figure of the story changed: staged.
    std::fs::write(
        root.join("drafts/clean.md"),
        DRAFT.replace("triple", "double"),
    )
    .unwrap();
    std::fs::write(
        root.join("drafts/story.md"),
        DRAFT.replace("€240 million", "€250 million"),
    )
    .unwrap();
    git(&root, &["add", "."]);
    let home = tempfile::tempdir().unwrap();
    let output = Command::new("pre-commit")
        .args(["try-repo", MANIFEST, "--verbose", "--files"])
        .args(["drafts/story.md", "drafts/clean.md"])
        .current_dir(&root)
        .env("PRE_COMMIT_HOME", home.path())
        .env(
            "CARGO_TARGET_DIR",
            Path::new(MANIFEST).join("target/pre-commit"),
        )
        // The hook's build need not be fast, only quick to make.
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "0")
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        // The Python hooks install the wheel: tests/wheel.sh runs them.
        .env("SKIP", "claimtrace,claimtrace-changed")
        // try-repo commits uncommitted changes to a scratch clone.
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .output()
        .expect("pre-commit runs");
    let out = String::from_utf8_lossy(&output.stdout);
    let err = String::from_utf8_lossy(&output.stderr);
    // Findings fail the commit.
    assert_eq!(output.status.code(), Some(1), "{out}\n{err}");
    // `claimtrace` checks the files passed: the misquote and the figure of
    // the story, nothing in the clean draft.
    let passed = hook_output(&out, "claimtrace (built from source)");
    assert!(passed.contains("error[misquote]"), "{out}");
    assert!(passed.contains("warning[figure-mismatch]"), "{out}");
    assert!(
        passed.contains("1 error, 1 warning in 2 documents"),
        "{out}"
    );
    // `claimtrace-changed` reports only the staged change: the figure.
    let changed = hook_output(&out, "claimtrace (changed lines, built from source)");
    assert!(changed.contains("warning[figure-mismatch]"), "{out}");
    assert!(!changed.contains("error[misquote]"), "{out}");
    assert!(
        changed.contains("; 1 finding on unchanged lines left out"),
        "{out}"
    );
}

#[test]
fn the_hook_manifest_declares_what_pre_commit_needs() {
    let hooks = yaml(&Path::new(MANIFEST).join(".pre-commit-hooks.yaml"));
    let hooks = hooks.as_array().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "claimtrace",
            "claimtrace-changed",
            "claimtrace-rust",
            "claimtrace-changed-rust"
        ]
    );
    for hook in hooks {
        let id = hook["id"].as_str().unwrap();
        // The plain hooks install the prebuilt wheel; the `-rust` ones build.
        let language = if id.ends_with("-rust") {
            "rust"
        } else {
            "python"
        };
        assert_eq!(hook["language"], language, "{id}");
        assert!(
            hook["entry"]
                .as_str()
                .unwrap()
                .starts_with("claimtrace check")
        );
        assert!(hook["name"].is_string() && hook["types_or"].is_array());
    }
    // Each `-rust` hook runs what its Python twin runs.
    for twin in ["claimtrace", "claimtrace-changed"] {
        let find = |id: &str| hooks.iter().find(|h| h["id"] == id).unwrap();
        let (python, rust) = (find(twin), find(&format!("{twin}-rust")));
        for key in ["entry", "types_or", "pass_filenames", "require_serial"] {
            assert_eq!(python[key], rust[key], "{twin}: {key}");
        }
    }
}

/// The action's check step, run by bash as the runner runs it, with the
/// environment a pull request gives it.
struct ActionRunner<'a> {
    step: &'a Value,
    /// `RUNNER_TEMP`, which holds `GITHUB_OUTPUT` too.
    folder: tempfile::TempDir,
}

impl<'a> ActionRunner<'a> {
    fn new(step: &'a Value) -> ActionRunner<'a> {
        ActionRunner {
            step,
            folder: tempfile::tempdir().unwrap(),
        }
    }

    fn outputs(&self) -> PathBuf {
        self.folder.path().join("outputs")
    }

    /// Runs the step in `clone` with input `diff`.
    fn run(&self, clone: &Path, diff: &str) -> Output {
        let binary = Path::new(env!("CARGO_BIN_EXE_claimtrace"));
        let path = format!(
            "{}:{}",
            binary.parent().unwrap().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let inputs = [
            ("INPUT_ARGS", ""),
            ("INPUT_DIFF", diff),
            ("INPUT_BASE", ""),
            ("INPUT_FAIL_ON", "error"),
            ("EVENT_NAME", "pull_request"),
            ("BASE_REF", "main"),
        ];
        let _ = std::fs::remove_file(self.outputs());
        let env_block = self.step["env"].as_object().unwrap();
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(self.step["run"].as_str().unwrap())
            .current_dir(clone)
            .env("PATH", &path)
            .env("RUNNER_TEMP", self.folder.path())
            .env("GITHUB_OUTPUT", self.outputs())
            .env("GIT_CONFIG_NOSYSTEM", "1");
        for (name, value) in inputs {
            assert!(env_block.contains_key(name), "the step's env sets {name}");
            command.env(name, value);
        }
        command.output().unwrap()
    }

    /// The SARIF log the last run named as its `sarif-file` output.
    fn sarif(&self) -> Option<Value> {
        let written = std::fs::read_to_string(self.outputs()).ok()?;
        let path = written
            .lines()
            .find_map(|l| l.strip_prefix("sarif-file="))?;
        Some(serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
    }
}

/// The action's check step, found in `action.yml`.
fn action_check_step(action: &Value) -> &Value {
    action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "check")
        .expect("a check step")
}

/// One draft that cannot be checked (malformed front matter) fails the
/// step, but every other draft is still in the uploaded log and
/// annotated.
#[test]
fn the_action_keeps_going_past_a_bad_draft() {
    if !has("git") || !has("bash") {
        eprintln!("skipped: git or bash is not installed");
        return;
    }
    let action = yaml(&Path::new(MANIFEST).join("action.yml"));
    let (_dir, origin) = publication();
    std::fs::write(
        origin.join("drafts/broken.md"),
        "---\nsources: [unclosed\n---\n\nText.\n",
    )
    .unwrap();
    let runner = ActionRunner::new(action_check_step(&action));
    let output = runner.run(&origin, "false");
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{out}");
    // The good draft's misquote is annotated and in the log…
    assert!(out.contains("::error file=drafts/story.md"), "{out}");
    let sarif = runner.sarif().expect("the log is named for upload");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{sarif}");
    // …and the bad draft is named, in the log and as an annotation.
    assert!(out.contains("drafts/broken.md"), "{out}");
    assert!(sarif.to_string().contains("drafts/broken.md"), "{sarif}");
}

#[test]
fn the_action_checks_only_the_lines_a_pull_request_changes() {
    if !has("git") || !has("bash") {
        eprintln!("skipped: git or bash is not installed");
        return;
    }
    let action = yaml(&Path::new(MANIFEST).join("action.yml"));
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let check = action_check_step(&action);
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload step");
    assert_eq!(
        upload["with"]["sarif_file"],
        "${{ steps.check.outputs.sarif-file }}"
    );
    for input in ["args", "diff", "base", "fail-on", "upload-sarif"] {
        assert!(action["inputs"][input].is_object(), "input {input}");
    }

    // The pull request: a clone of the publication, a branch changing the
    // figure, with main as its base on the remote.
    let (_dir, origin) = publication();
    let work = tempfile::tempdir().unwrap();
    let clone = work.path().join("clone");
    git(
        work.path(),
        &["clone", "--quiet", origin.to_str().unwrap(), "clone"],
    );
    git(&clone, &["checkout", "--quiet", "-b", "pull"]);
    std::fs::write(
        clone.join("drafts/story.md"),
        DRAFT.replace("€240 million", "€250 million"),
    )
    .unwrap();
    git(&clone, &["commit", "--quiet", "-am", "a new figure"]);

    let runner = ActionRunner::new(check);
    let run = |diff: &str| runner.run(&clone, diff);

    // Only the changed figure is reported, a warning: the step passes a
    // gate failing on errors.
    let output = run("auto");
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{out}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(out.matches("::warning ").count(), 1, "{out}");
    assert_eq!(out.matches("::error ").count(), 0, "{out}");
    assert!(out.contains("figure-mismatch"), "{out}");
    assert!(
        out.contains("1 finding on unchanged lines left out"),
        "{out}"
    );
    let sarif = runner.sarif().expect("the step names its SARIF log");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["ruleId"], "figure-mismatch");

    // On every line: both findings.
    let output = run("false");
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(out.matches("::error ").count(), 1, "{out}");
    assert_eq!(out.matches("::warning ").count(), 1, "{out}");
    // A bad input value stops the step with a clear annotation.
    let output = run("sometimes");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("diff must be auto, true or false"));
}

/// The README's workflow and pre-commit snippets use only what the action
/// and the hook manifest declare.
#[test]
fn the_readme_snippets_match_the_action_and_the_hooks() {
    let readme = std::fs::read_to_string(Path::new(MANIFEST).join("README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```yaml\n")
        .skip(1)
        .filter_map(|rest| rest.split("\n```").next())
        .collect();
    let action = yaml(&Path::new(MANIFEST).join("action.yml"));
    let workflow = blocks
        .iter()
        .find(|b| b.contains("uses: OWNER/claimtrace@"))
        .expect("the README has a workflow using the action");
    let workflow: Value = marked_yaml::from_yaml(0, workflow).unwrap();
    let steps = workflow["jobs"]["claimtrace"]["steps"].as_array().unwrap();
    let checkout = &steps[0];
    assert_eq!(
        checkout["with"]["fetch-depth"], "0",
        "the merge base needs history"
    );
    let uses_action = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("OWNER/claimtrace@"))
        })
        .unwrap();
    for (input, _) in uses_action["with"].as_object().into_iter().flatten() {
        assert!(action["inputs"][input].is_object(), "unknown input {input}");
    }
    assert_eq!(
        workflow["jobs"]["claimtrace"]["permissions"]["security-events"],
        "write"
    );

    let hooks = yaml(&Path::new(MANIFEST).join(".pre-commit-hooks.yaml"));
    let ids: Vec<&str> = hooks
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    let config = blocks
        .iter()
        .find(|b| b.contains("repo: https://github.com/OWNER/claimtrace"))
        .expect("the README has a pre-commit configuration");
    let config: Value = marked_yaml::from_yaml(0, config).unwrap();
    for hook in config["repos"][0]["hooks"].as_array().unwrap() {
        assert!(ids.contains(&hook["id"].as_str().unwrap()), "{hook}");
    }
}

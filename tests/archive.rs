//! The archive index end to end: `claimtrace index` and `index update`,
//! `check --index` (verdicts as with the right sources named, and
//! `uncited-source`), `trace`, a damaged or incompatible index refused in
//! one line with exit status 2, and a check that reads while an update
//! commits.
//!
//! Each test works in a scratch repository (a temporary folder with an
//! empty `claimtrace.toml`) holding a copy of `tests/fixtures/archive/`:
//! its `stories/` are the archive, its `drafts/` the drafts, so every path
//! in the output is relative and the snapshots are stable.

#[path = "support/schema.rs"]
mod schema;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A scratch repository with a copy of the archive fixtures.
struct Scratch {
    top: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let top = tempfile::tempdir().expect("a scratch folder");
        std::fs::write(top.path().join("claimtrace.toml"), "").expect("claimtrace.toml");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/archive");
        copy_folder(&fixtures, top.path());
        Scratch { top }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.top.path().join(relative)
    }

    /// Runs `claimtrace` in the scratch repository.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_claimtrace"))
            .args(args)
            .current_dir(self.top.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("claimtrace runs")
    }

    /// Builds the index `idx` of `stories/`.
    fn index(&self) -> Output {
        let output = self.run(&["index", "idx", "--archive", "stories"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        output
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(path, text).expect("a file");
    }
}

fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("fixtures") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The findings of a JSON audit as (rule, line, message), without
/// `uncited-source` (which only an archive check can give).
fn findings(json: &str) -> BTreeSet<(String, u64, String)> {
    let audit: serde_json::Value = schema::validated(json);
    audit["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| d["findings"].as_array().expect("findings").clone())
        .filter(|f| f["rule"] != "uncited-source")
        .map(|f| {
            (
                f["rule"].as_str().expect("rule").to_string(),
                f["span"]["line"].as_u64().expect("line"),
                f["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

#[test]
fn index_builds_and_says_what_it_read() {
    let scratch = Scratch::new();
    let built = scratch.index();
    insta::assert_snapshot!("index_build", stdout(&built));
    assert!(scratch.path("idx/claimtrace-index.json").is_file());
    // Built again over itself: replaced, not refused.
    let again = scratch.run(&["index", "idx", "--archive", "stories"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    // A folder holding something else is never overwritten.
    let refused = scratch.run(&["index", "drafts", "--archive", "stories"]);
    assert_eq!(refused.status.code(), Some(2));
    insta::assert_snapshot!("index_refuses_other_folder", stderr(&refused));
    assert!(scratch.path("drafts/pier-brief.md").is_file());
}

#[test]
fn check_with_index_judges_as_with_the_right_sources() {
    let scratch = Scratch::new();
    scratch.index();
    for (draft, source) in [
        ("drafts/pier-brief.md", "stories/2024/pier.txt"),
        ("drafts/budget-wrong.md", "stories/2024/budget.txt"),
    ] {
        let indexed = scratch.run(&["check", draft, "--index", "idx", "--format", "json"]);
        let named = scratch.run(&["check", draft, "--source", source, "--format", "json"]);
        assert_eq!(indexed.status.code(), named.status.code(), "{draft}");
        assert_eq!(
            findings(&stdout(&indexed)),
            findings(&stdout(&named)),
            "{draft}"
        );
        let audit: serde_json::Value = serde_json::from_str(&stdout(&indexed)).expect("JSON");
        assert_eq!(
            audit["documents"][0]["sources"],
            serde_json::json!([source]),
            "{draft}"
        );
    }
    let json = scratch.run(&[
        "check",
        "drafts/pier-brief.md",
        "--index",
        "idx",
        "--format",
        "json",
    ]);
    insta::assert_snapshot!("check_index_json", stdout(&json));
    let human = scratch.run(&["check", "drafts/budget-wrong.md", "--index", "idx"]);
    insta::assert_snapshot!("check_index_human", stdout(&human));
    // A draft's named source is used as before; the archive answers for the
    // rest, and says which claim only an uncited file holds.
    let cited = scratch.run(&["check", "drafts/cited.md", "--index", "idx"]);
    assert_eq!(cited.status.code(), Some(0), "{}", stderr(&cited));
    insta::assert_snapshot!("check_index_cited", stdout(&cited));
}

#[test]
fn check_index_from_the_configuration() {
    let scratch = Scratch::new();
    scratch.index();
    scratch.write("claimtrace.toml", "index = \"idx\"\n");
    let output = scratch.run(&["check", "drafts/pier-brief.md", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let audit: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(
        audit["documents"][0]["sources"],
        serde_json::json!(["stories/2024/pier.txt"])
    );
}

#[test]
fn update_adds_changes_and_removes_by_digest() {
    let scratch = Scratch::new();
    scratch.index();
    let before = scratch.run(&["check", "drafts/budget-wrong.md", "--index", "idx"]);
    assert_eq!(before.status.code(), Some(0));
    assert!(stdout(&before).contains("figure-mismatch"));
    let budget = std::fs::read_to_string(scratch.path("stories/2024/budget.txt")).expect("budget");
    scratch.write(
        "stories/2024/budget.txt",
        &budget.replace("$310 million", "$350 million"),
    );
    scratch.write(
        "stories/2025/ferry.txt",
        "A new ferry will link Port Ellis and the islands from June, the harbour board said.\n",
    );
    std::fs::remove_file(scratch.path("stories/weather.txt")).expect("removed");
    let updated = scratch.run(&["index", "update", "idx"]);
    assert_eq!(updated.status.code(), Some(0), "{}", stderr(&updated));
    insta::assert_snapshot!("index_update", without_reads(&stdout(&updated)));
    let after = scratch.run(&["check", "drafts/budget-wrong.md", "--index", "idx"]);
    assert!(
        !stdout(&after).contains("figure-mismatch"),
        "{}",
        stdout(&after)
    );
    let ferry = scratch.run(&[
        "trace",
        "A ferry will link Port Ellis and the islands.",
        "--index",
        "idx",
    ]);
    assert!(
        stdout(&ferry).contains("stories/2025/ferry.txt"),
        "{}",
        stdout(&ferry)
    );
    let again = scratch.run(&["index", "update", "idx"]);
    insta::assert_snapshot!("index_update_nothing", without_reads(&stdout(&again)));
}

/// An update's line without how many files it read: that depends on how
/// recently the files were written (see `src/archive/state.rs`), which a
/// test on a busy machine cannot hold fixed.
fn without_reads(line: &str) -> String {
    let Some(at) = line.find(" (") else {
        return line.to_string();
    };
    let close = line[at..].find(')').map_or(line.len(), |c| at + c + 1);
    format!("{}{}", &line[..at], &line[close..])
}

/// Sets the modification time of every file under `folder` an hour back,
/// then waits until their change times are old enough for an index to
/// record them (more than two seconds).
fn age_files(folder: &Path) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(folder).expect("a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            age_files(&path);
        } else {
            set_modified(&path, hour_ago);
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(2100));
}

fn set_modified(path: &Path, time: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(time))
        .expect("mtime set");
}

fn modified(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

/// An update reads only the files whose size, modification time or change
/// time moved since the index recorded them; a file rewritten with the
/// same size, even with its modification time set back, is still read
/// and found changed (its change time moved); `--verify` reads every file.
/// The index an update leaves gives the checks a fresh build gives.
#[test]
fn update_reads_only_files_whose_stat_moved() {
    let scratch = Scratch::new();
    age_files(&scratch.path("stories"));
    scratch.index();
    let update = |args: &[&str]| {
        let output = scratch.run(&[&["index", "update", "idx"], args].concat());
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    assert_eq!(
        update(&[]),
        "updated idx: 0 added, 0 changed, 0 removed, 4 unchanged (0 files read)\n"
    );
    // Same size, same mtime: only the ctime says it was written.
    let path = scratch.path("stories/2024/budget.txt");
    let was = modified(&path);
    let budget = std::fs::read_to_string(&path).expect("budget");
    let changed = budget.replace("$310 million", "$350 million");
    assert_eq!(changed.len(), budget.len());
    std::fs::write(&path, &changed).expect("written");
    set_modified(&path, was);
    assert_eq!(
        update(&[]),
        "updated idx: 0 added, 1 changed, 0 removed, 3 unchanged (1 file read)\n"
    );
    // Same size, new mtime.
    std::fs::write(&path, changed.replace("$350 million", "$360 million")).expect("written");
    assert_eq!(
        update(&[]),
        "updated idx: 0 added, 1 changed, 0 removed, 3 unchanged (1 file read)\n"
    );
    assert_eq!(
        update(&["--verify"]),
        "updated idx: 0 added, 0 changed, 0 removed, 4 unchanged (4 files read)\n"
    );
    // As a rebuild: the same audits.
    let rebuilt = scratch.run(&["index", "fresh", "--archive", "stories"]);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr(&rebuilt));
    for draft in [
        "drafts/budget-wrong.md",
        "drafts/cited.md",
        "drafts/pier-brief.md",
    ] {
        let audit = |index: &str| {
            stdout(&scratch.run(&["check", draft, "--index", index, "--format", "json"]))
        };
        assert_eq!(audit("idx"), audit("fresh"), "{draft}");
    }
}

#[test]
fn trace_lists_supporting_and_contradicting_passages() {
    let scratch = Scratch::new();
    scratch.index();
    let supported = scratch.run(&[
        "trace",
        "The harbour pier will reopen in May, the board said.",
        "--index",
        "idx",
    ]);
    assert_eq!(supported.status.code(), Some(0), "{}", stderr(&supported));
    insta::assert_snapshot!("trace_supported", stdout(&supported));
    let contradicted = scratch.run(&[
        "trace",
        "The council approved a budget of $350 million for next year.",
        "--index",
        "idx",
    ]);
    insta::assert_snapshot!("trace_contradicted", stdout(&contradicted));
    // A file of sentences, as JSON.
    let file = scratch.run(&[
        "trace",
        "drafts/cited.md",
        "--index",
        "idx",
        "--format",
        "json",
    ]);
    assert_eq!(file.status.code(), Some(0), "{}", stderr(&file));
    let traced: serde_json::Value = serde_json::from_str(&stdout(&file)).expect("JSON");
    let first = &traced["claims"][0]["passages"][0];
    assert_eq!(first["source"], "stories/2024/pier.txt");
    assert_eq!(first["verdict"], "supported");
    let nothing = scratch.run(&["trace", "Volcanoes erupted on the moon.", "--index", "idx"]);
    assert!(
        stdout(&nothing).contains("no archive passage"),
        "{}",
        stdout(&nothing)
    );
}

/// Every refusal is one line, naming the index, with exit status 2.
fn refused(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(2), "{}", stderr(output));
    let message = stderr(output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.starts_with("error: idx: "), "{message}");
    message
}

#[test]
fn a_damaged_or_incompatible_index_is_refused() {
    let scratch = Scratch::new();
    scratch.index();
    let check = || scratch.run(&["check", "drafts/pier-brief.md", "--index", "idx"]);
    // Another version of claimtrace built it.
    let manifest_path = scratch.path("idx/claimtrace-index.json");
    let manifest = std::fs::read_to_string(&manifest_path).expect("manifest");
    let version = format!("\"claimtrace\": \"{}\"", env!("CARGO_PKG_VERSION"));
    std::fs::write(
        &manifest_path,
        manifest.replace(&version, "\"claimtrace\": \"0.0.1\""),
    )
    .expect("written");
    insta::assert_snapshot!("index_other_version", refused(&check()));
    // Its record is not JSON.
    std::fs::write(&manifest_path, "{ truncated").expect("written");
    insta::assert_snapshot!("index_record_damaged", refused(&check()));
    std::fs::write(&manifest_path, &manifest).expect("restored");
    assert_eq!(check().status.code(), Some(0));
    // Other rules than the index was built with.
    scratch.write("house/negation.txt", "nary\n");
    let other_rules = scratch.run(&[
        "check",
        "drafts/pier-brief.md",
        "--index",
        "idx",
        "--rules",
        "house",
    ]);
    insta::assert_snapshot!("index_other_rules", refused(&other_rules));
    // A truncated file of the search index (each is refused, whichever it is).
    let mut files: Vec<PathBuf> = std::fs::read_dir(scratch.path("idx"))
        .expect("index")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.starts_with('.') && name != "claimtrace-index.json" && name != "meta.json"
        })
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in &files {
        let bytes = std::fs::read(file).expect("index file");
        std::fs::write(file, &bytes[..bytes.len() / 2]).expect("truncated");
        let message = refused(&check());
        assert!(
            message.contains("damaged index"),
            "{}: {message}",
            file.display()
        );
        let traced = scratch.run(&["trace", "The pier will reopen.", "--index", "idx"]);
        refused(&traced);
        std::fs::write(file, &bytes).expect("restored");
    }
    // tantivy's own list of segments, from another version of the format.
    let meta_path = scratch.path("idx/meta.json");
    let meta = std::fs::read_to_string(&meta_path).expect("meta.json");
    std::fs::write(&meta_path, &meta[..meta.len() / 2]).expect("truncated");
    let message = refused(&check());
    assert!(message.contains("damaged index"), "{message}");
    // Not an index at all.
    let none = scratch.run(&["check", "drafts/pier-brief.md", "--index", "drafts"]);
    assert_eq!(none.status.code(), Some(2));
    insta::assert_snapshot!("index_not_an_index", stderr(&none));
}

/// A check that runs while `index update` commits reads one commit: its
/// audit is the audit before the update or the one after, never a mix.
#[test]
fn a_check_during_an_update_reads_one_commit() {
    let scratch = Scratch::new();
    scratch.index();
    let check = || {
        stdout(&scratch.run(&[
            "check",
            "drafts/cited.md",
            "--index",
            "idx",
            "--format",
            "json",
        ]))
    };
    let before = check();
    // The update adds a second story holding the draft's school claim (a
    // copy, which becomes a source beside the first), and many others, so
    // that it takes a while. (Files are only added: a check reading the
    // commit before the update must still find the files that commit
    // names.)
    scratch.write(
        "stories/2025/schools-wire.txt",
        "The Ellis school district hired 85 teachers for the autumn term.\n",
    );
    for n in 0..400 {
        scratch.write(
            &format!("stories/bulk/story-{n}.txt"),
            &format!("Volunteers planted {n} trees along the river path on Saturday, the parks office said. The office thanked the {n} volunteers.\n"),
        );
    }
    let update = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(["index", "update", "idx"])
        .current_dir(scratch.top.path())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("update runs");
    let mut during = Vec::new();
    let mut update = update;
    loop {
        during.push(check());
        if update.try_wait().expect("update").is_some() {
            break;
        }
    }
    let status = update.wait().expect("update ends");
    assert!(status.success());
    let after = check();
    assert_ne!(before, after, "the update changes the audit");
    for audit in &during {
        assert!(
            audit == &before || audit == &after,
            "a check during the update read a mix:\n{audit}"
        );
    }
}

/// The shipped examples, checked against an archive holding their source
/// among unrelated stories, give the findings they give with their source
/// named.
#[test]
fn examples_against_an_archive_give_the_same_findings() {
    let scratch = Scratch::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_folder(&root.join("seeds"), &scratch.path("stories"));
    std::fs::create_dir_all(scratch.path("examples")).expect("examples");
    copy_folder(&root.join("examples"), &scratch.path("examples"));
    scratch.index();
    let mut drafts: Vec<String> = std::fs::read_dir(scratch.path("examples"))
        .expect("examples")
        .map(|e| {
            format!(
                "examples/{}",
                e.expect("entry").file_name().to_string_lossy()
            )
        })
        .collect();
    drafts.sort();
    for draft in drafts {
        let named = scratch.run(&[
            "check",
            &draft,
            "--source",
            "stories/india-eu-security-defence.txt",
            "--format",
            "json",
        ]);
        let indexed = scratch.run(&["check", &draft, "--index", "idx", "--format", "json"]);
        if named.status.code() == Some(2) {
            // A draft whose declared sources are not in the scratch copy.
            assert_eq!(indexed.status.code(), Some(2), "{draft}");
            continue;
        }
        assert_eq!(
            findings(&stdout(&indexed)),
            findings(&stdout(&named)),
            "{draft}"
        );
        assert_eq!(indexed.status.code(), named.status.code(), "{draft}");
    }
}

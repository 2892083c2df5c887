//! Declared sources never leave the repository root: relative escapes,
//! absolute paths, symbolic links out of the root, directories and FIFOs
//! are each an error naming the draft and line, and the refused file is
//! never read (none of its bytes appear in any output).
#![cfg(unix)]

#[path = "support/schema.rs"]
mod schema;

use std::path::PathBuf;
use std::process::{Command, Output};

/// How every refusal by where a path really leads reads.
const REFUSED: &str = "refused: claimtrace reads only regular files inside the repository root";

/// A repository (marked by `claimtrace.toml`) with a secret file beside
/// it, outside the root.
struct Sandbox {
    top: PathBuf,
}

const SECRET: &str = "TOP-SECRET-BYTES never to be shown";

impl Sandbox {
    fn new(name: &str) -> Sandbox {
        let top =
            std::env::temp_dir().join(format!("claimtrace-confine-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&top);
        std::fs::create_dir_all(top.join("repo/drafts")).unwrap();
        std::fs::create_dir_all(top.join("repo/sources")).unwrap();
        std::fs::create_dir_all(top.join("outside")).unwrap();
        std::fs::write(top.join("repo/claimtrace.toml"), "").unwrap();
        std::fs::write(
            top.join("repo/sources/ok.txt"),
            "The port opened on Monday, officials said.\n",
        )
        .unwrap();
        std::fs::write(top.join("outside/secret.txt"), format!("{SECRET}\n")).unwrap();
        Sandbox { top }
    }

    fn repo(&self) -> PathBuf {
        self.top.join("repo")
    }

    /// Writes a draft declaring `sources` (YAML flow list) and checks it.
    fn check(&self, sources: &str) -> Output {
        let draft = self.repo().join("drafts/draft.md");
        std::fs::write(
            &draft,
            format!("---\ntitle: t\nsources: {sources}\n---\n\nThe port opened on Monday.\n"),
        )
        .unwrap();
        Command::new(env!("CARGO_BIN_EXE_claimtrace"))
            .args(["check", "drafts/draft.md", "--format", "json"])
            .current_dir(self.repo())
            .output()
            .expect("claimtrace runs")
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.top);
    }
}

#[track_caller]
fn assert_refused(output: &Output, why: &str) {
    assert_eq!(output.status.code(), Some(2), "exit status");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: drafts/draft.md:3: "),
        "names draft and line: {stderr}"
    );
    assert!(stderr.contains(why), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    let everything = format!("{stderr}{}", String::from_utf8_lossy(&output.stdout));
    assert!(
        !everything.contains("TOP-SECRET"),
        "the refused file was read"
    );
}

#[test]
fn a_source_inside_the_root_is_read() {
    let sandbox = Sandbox::new("ok");
    let output = sandbox.check("[../sources/ok.txt]");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let audit: serde_json::Value = schema::validated(&output.stdout);
    assert_eq!(audit["documents"][0]["sources"][0], "sources/ok.txt");
}

#[test]
fn relative_escape_is_refused() {
    let sandbox = Sandbox::new("escape");
    assert_refused(
        &sandbox.check("[../../outside/secret.txt]"),
        "outside the repository root",
    );
    assert_refused(
        &sandbox.check("[../../../../../../etc/passwd]"),
        "outside the repository root",
    );
}

#[test]
fn absolute_path_is_refused() {
    let sandbox = Sandbox::new("absolute");
    let secret = sandbox.top.join("outside/secret.txt");
    assert_refused(
        &sandbox.check(&format!("[{}]", secret.display())),
        "absolute path",
    );
    assert_refused(&sandbox.check("[/etc/passwd]"), "absolute path");
}

#[test]
fn symlink_out_of_the_root_is_refused() {
    let sandbox = Sandbox::new("symlink");
    let link = sandbox.repo().join("sources/link.txt");
    std::os::unix::fs::symlink(sandbox.top.join("outside/secret.txt"), &link).unwrap();
    assert_refused(&sandbox.check("[../sources/link.txt]"), REFUSED);
    let folder_link = sandbox.repo().join("sources/out");
    std::os::unix::fs::symlink(sandbox.top.join("outside"), &folder_link).unwrap();
    assert_refused(&sandbox.check("[../sources/out/secret.txt]"), REFUSED);
}

#[test]
fn directory_is_refused() {
    let sandbox = Sandbox::new("directory");
    assert_refused(&sandbox.check("[../sources]"), "is a directory");
}

#[test]
fn fifo_is_refused_without_opening_it() {
    let sandbox = Sandbox::new("fifo");
    let fifo = sandbox.repo().join("sources/pipe.txt");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    // Opening a FIFO with no writer would block: finishing at all shows it
    // was never opened.
    assert_refused(&sandbox.check("[../sources/pipe.txt]"), REFUSED);
}

#[test]
fn malformed_front_matter_names_the_line() {
    let sandbox = Sandbox::new("yaml");
    let output = sandbox.check("[unclosed");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: drafts/draft.md:2: front matter:"),
        "{stderr}"
    );
}

#[test]
fn footnote_paths_are_confined_too() {
    let sandbox = Sandbox::new("footnote");
    let draft = sandbox.repo().join("drafts/draft.md");
    std::fs::write(
        &draft,
        "The port opened on Monday.[^1]\n\n[^1]: ../../outside/secret.txt\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(["check", "drafts/draft.md", "--source", "sources/ok.txt"])
        .current_dir(sandbox.repo())
        .output()
        .expect("claimtrace runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: drafts/draft.md:3: "), "{stderr}");
    assert!(stderr.contains("outside the repository root"), "{stderr}");
    assert!(!format!("{stderr}{}", String::from_utf8_lossy(&output.stdout)).contains("TOP-SECRET"));
}

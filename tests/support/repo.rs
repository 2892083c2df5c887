//! A small repository in a temporary folder, with a secret file beside it
//! that no output may ever show, and the built `claimtrace` run in it: for
//! the tests of claimtrace as a gate (`tests/gate.rs`, `tests/hostile.rs`).

#![allow(dead_code)] // each user of this module uses part of it

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

pub const SOURCE: &str = "The port opened on Monday, officials said. \
“We expect forty ships a week,” said harbour master Ana Ruiz.\n";
pub const DRAFT: &str = "The port opened on Monday.\n";
pub const SECRET: &str = "TOP-SECRET-BYTES never to be shown";
/// How every refusal by where a path really leads reads.
pub const REFUSED: &str = "refused: claimtrace reads only regular files inside the repository root";

/// A repository (marked by `claimtrace.toml`) in a temporary folder, with
/// `outside/secret.txt` beside it.
pub struct Repo {
    pub top: PathBuf,
}

impl Repo {
    pub fn new(name: &str) -> Repo {
        let top =
            std::env::temp_dir().join(format!("claimtrace-gate-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&top);
        let repo = Repo { top };
        repo.write("repo/claimtrace.toml", "");
        repo.write("repo/sources/port.txt", SOURCE);
        repo.write("outside/secret.txt", &format!("{SECRET}\n"));
        repo
    }

    pub fn root(&self) -> PathBuf {
        self.top.join("repo")
    }

    pub fn write(&self, path: &str, text: &str) {
        self.write_bytes(path, text.as_bytes());
    }

    pub fn write_bytes(&self, path: &str, bytes: &[u8]) {
        let path = self.top.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder made");
        std::fs::write(path, bytes).expect("file written");
    }

    pub fn link(&self, target: &str, link: &str) {
        let link = self.top.join(link);
        std::fs::create_dir_all(link.parent().expect("a parent")).expect("folder made");
        std::os::unix::fs::symlink(target, link).expect("link made");
    }

    /// Runs claimtrace in the repository, feeding `stdin`; a run that does
    /// not end within a minute is a hang, and fails the test.
    pub fn run_with(&self, args: &[&str], stdin: &[u8]) -> Output {
        // CLAIMTRACE_BIN runs the tests against another build (an older
        // release, to see which of them it fails).
        let binary = std::env::var_os("CLAIMTRACE_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_claimtrace").into());
        let mut child = Command::new(binary)
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("claimtrace runs");
        let mut input = child.stdin.take().expect("stdin is piped");
        // A run that never reads its input must not block the test.
        let _ = input.write_all(stdin);
        drop(input);
        // Output is read while the run goes on (a full pipe would stop it);
        // a run not over within a minute is a hang.
        let pid = child.id();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(child.wait_with_output()));
        match receive.recv_timeout(Duration::from_secs(60)) {
            Ok(output) => output.expect("output"),
            Err(_) => {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                panic!("claimtrace {args:?} hangs");
            }
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, b"")
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.top);
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The JSON output of a run, checked against the shipped schema (SARIF is
/// JSON too, and has its own schema: read it with [`sarif`]).
pub fn json(output: &Output) -> serde_json::Value {
    crate::schema::validated(&output.stdout)
}

/// A SARIF log, read as plain JSON.
pub fn sarif(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("SARIF ({e}): {}", stdout(output)))
}

/// The lines on stderr starting with `prefix` (`error:`, `warning:`).
pub fn said(output: &Output, prefix: &str) -> Vec<String> {
    stderr(output)
        .lines()
        .filter(|l| l.starts_with(prefix))
        .map(str::to_string)
        .collect()
}

/// Each of `names` is in one of `lines`.
#[track_caller]
pub fn assert_each_named(lines: &[String], names: &[&str]) {
    for name in names {
        assert!(lines.iter().any(|l| l.contains(name)), "{name}: {lines:?}");
    }
}

/// Exit 2 with one line on stderr starting `error: PATH` and saying `why`.
#[track_caller]
pub fn assert_refused(output: &Output, path: &str, why: &str) {
    let stderr = stderr(output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit status; stderr: {stderr}"
    );
    let errors = said(output, "error:");
    assert_eq!(errors.len(), 1, "one error line: {stderr}");
    assert!(
        errors[0].starts_with(&format!("error: {path}")),
        "names {path}: {stderr}"
    );
    assert!(errors[0].contains(why), "says {why}: {stderr}");
}

/// The paths of the drafts an audit holds.
pub fn audited(audit: &serde_json::Value) -> Vec<String> {
    audit["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["path"].as_str().expect("path").to_string())
        .collect()
}

/// No raw control character but the line feed ends each line, and no line
/// is a workflow command that claimtrace did not mean to write (one that
/// starts `::error file=x` or `::error file=README.md`). JSON (the audit,
/// SARIF) escapes C0 controls itself and keeps other text as data; text for
/// people and the CI log escapes C1 controls and bidirectional overrides
/// too.
#[track_caller]
pub fn assert_inert(text: &str, format: &str) {
    let is_json = matches!(format, "json" | "sarif");
    for c in text.chars() {
        let raw = if is_json {
            c < ' ' && c != '\n'
        } else {
            c != '\n' && (c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c))
        };
        assert!(!raw, "{format}: raw control {c:?} in {text:?}");
    }
    for line in text.lines() {
        let line = line.trim_start();
        assert!(
            !line.starts_with("::error file=x") && !line.starts_with("::error file=README.md"),
            "{format}: forged command in {line:?}"
        );
    }
}

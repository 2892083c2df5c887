//! What a hostile pull request tried against the gate, and what stops it:
//! one module for each way in. (Unbounded output is tested in
//! `tests/bounds.rs`, the language server's input in `tests/lsp.rs`, the
//! Action in `tests/diff_hooks.rs`.)
//!
//! Every test here failed on the release that the attacks were found on;
//! `CLAIMTRACE_BIN=path/to/old/claimtrace cargo test --test hostile` shows
//! it again.
#![cfg(unix)]

#[path = "support/repo.rs"]
mod repo;
#[path = "support/schema.rs"]
mod schema;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use repo::*;

/// The binary under test.
fn binary() -> std::ffi::OsString {
    std::env::var_os("CLAIMTRACE_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_claimtrace").into())
}

const FORMATS: [&str; 5] = ["human", "json", "sarif", "github", "html"];

/// Hidden files reached through links and paths of every form: nothing of
/// a planted `.git/config` or `.env` reaches any output.
mod hidden_files {
    use super::*;

    const TOKEN: &str = "c2VjcmV0LXRva2VuLWZvci1jaQ";
    const KEY: &str = "sk-live-planted-key-0042";

    /// A repository with a CI token in `.git/config` and a key in `.env`,
    /// both written as quotations so that a misquote would quote them back.
    fn planted(name: &str) -> Repo {
        let repo = Repo::new(name);
        repo.write(
            "repo/.git/config",
            &format!("[http]\n“extraheader = AUTHORIZATION: basic {TOKEN},” the runner said.\n"),
        );
        repo.write(
            "repo/.git/leak.md",
            &format!("“The token is {TOKEN},” the runner said.\n"),
        );
        repo.write(
            "repo/.env",
            &format!("“API_KEY={KEY} for the port,” said Ana Ruiz.\n"),
        );
        repo
    }

    /// A draft quoting the planted lines nearly (a misquote would show the
    /// source's words as evidence).
    const QUOTING: &str = "“extraheader = AUTHORIZATION: basic token,” the runner said. \
“API_KEY=key for the port,” said Ana Ruiz. “The token is here,” the runner said.\n";

    #[track_caller]
    fn assert_kept(repo: &Repo, args: &[&str]) {
        for format in FORMATS {
            let mut args = args.to_vec();
            args.extend(["--format", format]);
            let output = repo.run(&args);
            let everything = format!("{}{}", stdout(&output), stderr(&output));
            for secret in [TOKEN, KEY] {
                assert!(
                    !everything.contains(secret),
                    "{args:?} shows a secret:\n{everything}"
                );
            }
        }
    }

    #[test]
    fn declared_and_cited_links_to_hidden_files() {
        let repo = planted("hidden-declared");
        repo.link("../.git/config", "repo/drafts/cfg.txt");
        repo.link("../.env", "repo/drafts/env.txt");
        let absolute = repo.root().join(".git/config");
        repo.link(absolute.to_str().expect("UTF-8"), "repo/drafts/abs.txt");
        for declared in ["cfg.txt", "env.txt", "abs.txt"] {
            repo.write(
                "repo/drafts/d.md",
                &format!("---\nsources: [{declared}]\n---\n\n{QUOTING}"),
            );
            assert_kept(&repo, &["check", "drafts/d.md"]);
            let output = repo.run(&["check", "drafts/d.md"]);
            assert_refused(&output, "drafts/d.md:2", REFUSED);
        }
        repo.write(
            "repo/drafts/c.md",
            &format!("{QUOTING}[^1]\n\n[^1]: cfg.txt\n"),
        );
        assert_kept(&repo, &["check", "drafts/c.md", "--source", "sources"]);
    }

    #[test]
    fn links_met_in_a_source_folder() {
        let repo = planted("hidden-walked");
        repo.link("../.env", "repo/sources/env.txt");
        repo.link("../.git/config", "repo/sources/cfg.md");
        repo.link("../.git", "repo/sources/git");
        repo.write("repo/draft.md", QUOTING);
        assert_kept(&repo, &["check", "draft.md", "--source", "sources"]);
        let output = repo.run(&["check", "draft.md", "--source", "sources"]);
        let warnings = said(&output, "warning:");
        assert_each_named(&warnings, &["sources/env.txt", "sources/cfg.md"]);
    }

    #[test]
    fn named_and_configured_paths() {
        let repo = planted("hidden-named");
        repo.link("../.env", "repo/sources/env.txt");
        repo.link(".git/config", "repo/cfg.txt");
        repo.write("repo/draft.md", QUOTING);
        // Named on the command line, as a source or as the draft itself.
        assert_kept(&repo, &["check", "draft.md", "--source", "sources/env.txt"]);
        assert_kept(&repo, &["check", "cfg.txt", "--source", "sources"]);
        assert_kept(&repo, &["claims", "cfg.txt"]);
        assert_kept(&repo, &["check", "draft.md", "--source", ".env"]);
        // Named in claimtrace.toml.
        repo.write("repo/claimtrace.toml", "sources = \"cfg.txt\"\n");
        assert_kept(&repo, &["check", "draft.md"]);
        // The configuration file itself, and rule files, as links.
        std::fs::remove_file(repo.root().join("claimtrace.toml")).expect("removed");
        repo.link(".git/config", "repo/claimtrace.toml");
        assert_kept(&repo, &["check", "draft.md", "--source", "sources"]);
        std::fs::remove_file(repo.root().join("claimtrace.toml")).expect("removed");
        repo.write("repo/claimtrace.toml", "");
        repo.link("../.git/config", "repo/myrules/attribution.toml");
        assert_kept(
            &repo,
            &[
                "check", "draft.md", "--source", "sources", "--rules", "myrules",
            ],
        );
    }
}

/// A refusal says the same whatever lies outside the root.
mod refusals_reveal_nothing {
    use super::*;

    #[test]
    fn a_file_outside_and_no_file_outside_read_alike() {
        let repo = Repo::new("existence");
        repo.link("/", "repo/sub");
        let answers: Vec<String> = ["sub/etc/passwd", "sub/etc/no-such-file-here"]
            .iter()
            .map(|declared| {
                repo.write(
                    "repo/d.md",
                    &format!("---\nsources: [{declared}]\n---\n\nText.\n"),
                );
                let output = repo.run(&["check", "d.md"]);
                assert_eq!(output.status.code(), Some(2));
                stderr(&output).replace(declared, "PATH")
            })
            .collect();
        assert_eq!(answers[0], answers[1]);
        assert!(answers[0].contains(REFUSED), "{}", answers[0]);
    }
}

/// `claims` and `sentences` print inputs as data, as `check` does.
mod every_subcommand_escapes {
    use super::*;

    #[test]
    fn file_names_and_text_cannot_steer_the_terminal_or_the_log() {
        let repo = Repo::new("escape-subcommands");
        let name = "x\n::error file=README.md,line=1::forged\n.md";
        repo.write(
            &format!("repo/{name}"),
            "\u{1b}]0;title\u{7}\u{1b}[2J“We expect forty ships,” said Ana \u{202e}Ruiz.\n",
        );
        for command in ["claims", "sentences"] {
            let output = repo.run(&[command, name]);
            assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
            assert_inert(&stdout(&output), command);
            assert!(stdout(&output).contains("\\u{1b}"), "{}", stdout(&output));
        }
    }
}

/// A reader that stops reading ends the output, never the verdict.
mod broken_pipe {
    use super::*;

    #[test]
    fn the_exit_status_holds_when_nobody_reads_the_output() {
        let repo = Repo::new("broken-pipe");
        let misquotes = "“We expect fifty ships a week,” said Ana Ruiz.\n\n".repeat(400);
        repo.write("repo/draft.md", &misquotes);
        let expected = repo.run(&["check", "draft.md", "--source", "sources"]);
        assert_eq!(expected.status.code(), Some(1));
        for format in FORMATS {
            let mut child = Command::new(binary())
                .args([
                    "check", "draft.md", "--source", "sources", "--format", format,
                ])
                .current_dir(repo.root())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("claimtrace runs");
            // `| head -c 1`: one byte read, then the pipe is closed.
            let mut stdout = child.stdout.take().expect("piped");
            let mut first = [0u8; 1];
            let _ = stdout.read(&mut first);
            drop(stdout);
            let status = child.wait().expect("claimtrace ends");
            assert_eq!(status.code(), Some(1), "{format}");
        }
    }
}

/// One bad draft neither stops the run nor turns into a source.
mod keep_going {
    use super::*;

    #[test]
    fn a_latin1_draft_beside_its_source_folder() {
        let repo = Repo::new("latin1-draft");
        repo.write(
            "repo/drafts/good.md",
            "“We expect fifty ships a week,” said Ana Ruiz.\n",
        );
        repo.write_bytes("repo/drafts/bad.md", b"Caf\xe9 opened on Monday.\n");
        let output = repo.run(&["check", "drafts", "--source", ".", "--format", "json"]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        let audit = json(&output);
        assert_eq!(audited(&audit), ["drafts/good.md"]);
        assert_eq!(audit["documents"][0]["findings"][0]["rule"], "misquote");
        let errors = said(&output, "error:");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("drafts/bad.md"), "{errors:?}");
    }

    #[test]
    fn an_invalid_file_in_a_source_folder_is_skipped_and_said() {
        let repo = Repo::new("latin1-source");
        repo.write_bytes("repo/sources/latin1.txt", b"Caf\xe9 said so.\n");
        repo.write(
            "repo/draft.md",
            "“We expect fifty ships a week,” said Ana Ruiz.\n",
        );
        for format in FORMATS {
            let output = repo.run(&[
                "check", "draft.md", "--source", "sources", "--format", format,
            ]);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{format}: {}",
                stderr(&output)
            );
            assert!(!stdout(&output).is_empty(), "{format}");
            let warnings = said(&output, "warning:");
            assert_each_named(&warnings, &["sources/latin1.txt"]);
        }
    }
}

/// `--output` writes only regular files, keeps their mode, and leaves no
/// temporary file behind.
mod output_file {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A device of the test's own where the run may make one (as root, as
    /// in CI): a claimtrace that replaces devices must not get to replace
    /// the system's `/dev/null` while its tests run.
    fn own_device(repo: &Repo) -> Option<&'static str> {
        let made = Command::new("mknod")
            .args(["null", "c", "1", "3"])
            .current_dir(repo.root())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        made.then_some("null")
    }

    #[test]
    fn devices_links_and_folders_are_refused() {
        let repo = Repo::new("output-special");
        repo.write("repo/draft.md", DRAFT);
        repo.write("repo/report.json", "old");
        repo.link("report.json", "repo/link.json");
        let made = Command::new("mkfifo")
            .arg(repo.root().join("pipe.json"))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let mut targets = vec!["pipe.json", "link.json", "sources"];
        targets.extend(own_device(&repo));
        for target in targets {
            let output = repo.run(&[
                "check", "draft.md", "--source", "sources", "--output", target,
            ]);
            assert_refused(
                &output,
                target,
                "--output writes a report only to a regular file",
            );
        }
        assert!(
            std::fs::symlink_metadata(repo.root().join("link.json"))
                .expect("still there")
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(repo.root().join("report.json")).expect("kept"),
            "old"
        );
        for special in ["pipe.json", "null"] {
            if let Ok(metadata) = std::fs::symlink_metadata(repo.root().join(special)) {
                assert!(!metadata.is_file(), "{special} was replaced by a file");
            }
        }
    }

    #[test]
    fn a_private_report_stays_private() {
        let repo = Repo::new("output-mode");
        repo.write("repo/draft.md", DRAFT);
        let report = repo.root().join("report.json");
        std::fs::write(&report, "old").expect("written");
        std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o600)).expect("mode");
        let output = repo.run(&[
            "check",
            "draft.md",
            "--source",
            "sources",
            "--format",
            "json",
            "--output",
            "report.json",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let mode = std::fs::metadata(&report)
            .expect("report")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(
            std::fs::read_to_string(&report)
                .expect("report")
                .contains("\"documents\"")
        );
    }

    #[test]
    fn an_interrupted_run_leaves_no_temporary_file() {
        let repo = Repo::new("output-interrupted");
        repo.write("repo/report.json", "old");
        // The draft is standard input, never closed: the run waits on it
        // with its temporary report file made, until it is interrupted.
        let mut child = Command::new(binary())
            .args([
                "check",
                "-",
                "--source",
                "sources",
                "--format",
                "json",
                "--output",
                "report.json",
            ])
            .current_dir(repo.root())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("claimtrace runs");
        let temporaries = || {
            std::fs::read_dir(repo.root())
                .expect("listed")
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(".claimtrace-"))
                .count()
        };
        let waited = Instant::now();
        while temporaries() == 0 && waited.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(temporaries(), 1, "the run made its temporary file");
        let killed = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let status = child.wait().expect("ended");
        drop(child.stdin.take());
        assert!(!status.success());
        assert_eq!(temporaries(), 0, "the temporary file is removed");
        assert_eq!(
            std::fs::read_to_string(repo.root().join("report.json")).expect("kept"),
            "old"
        );
    }
}

/// The smaller holes.
mod smaller {
    use super::*;

    #[test]
    fn a_drafts_glob_that_cannot_match_is_an_error_naming_its_line() {
        let repo = Repo::new("glob-out");
        for glob in ["/etc/**/*.md", "../outside/*.txt", "drafts/../../x/*.md"] {
            repo.write(
                "repo/claimtrace.toml",
                &format!("sources = \"sources\"\ndrafts = \"{glob}\"\n"),
            );
            let output = repo.run(&["check"]);
            assert_refused(&output, "", "claimtrace.toml:2: drafts");
        }
    }

    #[test]
    fn a_file_deeper_than_the_path_limit_is_said() {
        let repo = Repo::new("deep");
        repo.write("repo/draft.md", DRAFT);
        // Folders as deep as a path to a folder may be (the system's limit
        // is 4,096 bytes), so that a file's path in the last one is longer.
        let part = "d".repeat(250);
        let mut folder = repo.root().join("sources");
        while folder.as_os_str().len() + 251 < 4090 {
            folder.push(&part);
        }
        std::fs::create_dir_all(&folder).expect("folders");
        let name = format!("{}.md", "f".repeat(200));
        let made = Command::new("sh")
            .args(["-c", &format!("printf 'The port opened.\\n' > {name}")])
            .current_dir(&folder)
            .status()
            .expect("sh runs");
        assert!(made.success());
        let output = repo.run(&["check", "draft.md", "--source", "sources"]);
        let warnings = said(&output, "warning:");
        assert!(
            warnings.iter().any(|w| w.contains(&name[..50])),
            "{}",
            stderr(&output)
        );
    }

    #[test]
    fn a_file_name_that_is_not_utf8_is_shown_whole() {
        use std::os::unix::ffi::OsStrExt;
        let repo = Repo::new("latin1-name");
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
        std::fs::create_dir_all(repo.root().join("drafts")).expect("folder");
        std::fs::write(
            repo.root().join("drafts").join(name),
            "“We expect fifty ships a week,” said Ana Ruiz.\n",
        )
        .expect("written");
        for format in ["human", "json", "sarif", "github"] {
            let output = repo.run(&["check", "drafts", "--source", "sources", "--format", format]);
            let out = stdout(&output);
            assert!(!out.contains('\u{FFFD}'), "{format}: {out}");
            let whole = match format {
                "human" | "github" => "caf\\x{e9}.md",
                "json" => "caf\\\\x{e9}.md",
                // A URI spells the byte itself.
                _ => "caf%E9.md",
            };
            assert!(out.contains(whole), "{format}: {out}");
        }
    }

    #[test]
    fn invisible_characters_show_in_messages() {
        let repo = Repo::new("invisible");
        repo.write(
            "repo/draft.md",
            "“We expect forty ships a we\u{ad}ek,” said harbour master Ana Ruiz.\n",
        );
        for format in ["human", "github", "json", "sarif"] {
            let output = repo.run(&[
                "check", "draft.md", "--source", "sources", "--format", format,
            ]);
            let out = stdout(&output);
            let message = match format {
                // The JSON keeps the draft's text as data: its messages
                // are what people read.
                "json" => json(&output)["documents"][0]["findings"][0]["message"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                "sarif" => sarif(&output)["runs"][0]["results"][0]["message"]["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                _ => out.clone(),
            };
            assert!(!message.contains('\u{ad}'), "{format}: {message}");
            assert!(message.contains("we\\u{ad}ek"), "{format}: {message}");
        }
    }

    #[test]
    fn a_right_to_left_override_in_a_file_name_does_not_reach_the_html() {
        let repo = Repo::new("rlo-html");
        let name = "invoice\u{202e}gnp.md";
        repo.write(
            &format!("repo/drafts/{name}"),
            "“We expect fifty ships a week,” said Ana Ruiz.\n",
        );
        let output = repo.run(&["check", "drafts", "--source", "sources", "--format", "html"]);
        let html = stdout(&output);
        assert!(html.contains("invoice"), "the draft is in the report");
        assert!(!html.contains('\u{202e}'), "raw override in the report");
    }
}

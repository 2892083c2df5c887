//! What users of ruff and Vale expect around the checks themselves:
//! `init`, shell completions, a man page, `--color`, and a hint for
//! `--diff BASE` written with a space.

use std::path::Path;
use std::process::{Command, Output};

fn claimtrace(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimtrace"))
        .args(args)
        .current_dir(folder)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("claimtrace runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/seeds/india-eu-security-defence.txt"
);

/// A draft with a misquote of the seed article.
const MISQUOTE: &str = "“The partnership will become a big force multiplier,” Singh said.\n";

#[test]
fn init_starts_a_repository_that_checks_and_changes_nothing_the_second_time() {
    let folder = tempfile::tempdir().expect("a folder");
    let first = claimtrace(folder.path(), &["init"]);
    assert_eq!(first.status.code(), Some(0));
    for made in ["claimtrace.toml", "sources", "drafts"] {
        assert!(
            stdout(&first).contains(&format!("created ./{made}")),
            "{}",
            stdout(&first)
        );
        assert!(folder.path().join(made).exists());
    }
    std::fs::copy(SEED, folder.path().join("sources/seed.txt")).expect("copied");
    std::fs::write(folder.path().join("drafts/a.md"), MISQUOTE).expect("written");
    let check = claimtrace(folder.path(), &["check", "--format", "json"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(stdout(&check).contains("\"misquote\""));
    let config = std::fs::read_to_string(folder.path().join("claimtrace.toml")).expect("read");
    let second = claimtrace(folder.path(), &["init"]);
    assert_eq!(second.status.code(), Some(0));
    assert!(
        stdout(&second).contains("nothing to do"),
        "{}",
        stdout(&second)
    );
    assert_eq!(
        std::fs::read_to_string(folder.path().join("claimtrace.toml")).expect("read"),
        config
    );
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = claimtrace(here, &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = stdout(&output);
        assert!(
            script.contains("claimtrace") && script.contains("check"),
            "{shell}"
        );
    }
    let man = claimtrace(here, &["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = stdout(&man);
    assert!(
        page.starts_with(".ie") || page.contains(".TH claimtrace"),
        "{page}"
    );
    assert!(page.contains("check"));
}

#[test]
fn color_always_colours_a_pipe_and_never_leaves_it_plain() {
    let folder = tempfile::tempdir().expect("a folder");
    std::fs::write(folder.path().join("draft.md"), MISQUOTE).expect("written");
    let run = |color: &str| {
        stdout(&claimtrace(
            folder.path(),
            &["check", "draft.md", "--source", SEED, "--color", color],
        ))
    };
    assert!(run("always").contains('\u{1b}'), "colour through a pipe");
    assert!(!run("never").contains('\u{1b}'));
    assert!(!run("auto").contains('\u{1b}'), "a pipe is not a terminal");
}

/// On a terminal (a pseudo-terminal made by `script`), `auto` colours and
/// `never` does not.
#[cfg(unix)]
#[test]
fn color_never_is_plain_on_a_terminal() {
    let has_script = Command::new("script").arg("--version").output().is_ok();
    if !has_script {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let folder = tempfile::tempdir().expect("a folder");
    std::fs::write(folder.path().join("draft.md"), MISQUOTE).expect("written");
    let on_terminal = |color: &str| {
        let command = format!(
            "{} check draft.md --source {SEED} --color {color}",
            env!("CARGO_BIN_EXE_claimtrace")
        );
        let output = Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .current_dir(folder.path())
            .env_remove("NO_COLOR")
            .output()
            .expect("script runs");
        stdout(&output)
    };
    assert!(on_terminal("auto").contains('\u{1b}'));
    assert!(!on_terminal("never").contains('\u{1b}'));
}

#[test]
fn diff_with_a_space_before_its_base_says_how_to_write_it() {
    let folder = tempfile::tempdir().expect("a folder");
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
            .args(args)
            .current_dir(folder.path())
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(ok, "git {args:?}");
    };
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    git(&["init", "--quiet"]);
    std::fs::write(folder.path().join("draft.md"), MISQUOTE).expect("written");
    git(&["add", "."]);
    git(&["commit", "--quiet", "-m", "draft"]);
    let output = claimtrace(
        folder.path(),
        &["check", "--diff", "HEAD", "--source", SEED],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("write the base of --diff with `=`, as --diff=HEAD"),
        "{stderr}"
    );
}

//! Changed lines only: `check --diff[=BASE]` reports the findings on lines
//! changed since BASE, as a reviewer sees a pull request.
//!
//! What changed is asked of `git` (which must be on `PATH`):
//!
//! 1. the base is BASE, or when none is given the repository's default
//!    branch: what `origin/HEAD` points to, else the first of
//!    `origin/main`, `origin/master`, `main` and `master` that exists;
//! 2. the lines changed are those `git diff` shows between the merge base
//!    of the base and `HEAD` and the working tree (so commits of the
//!    branch and changes not committed yet both count, and commits made
//!    on the base branch since do not), renames followed;
//! 3. a file git does not track yet (not ignored) is changed throughout.
//!
//! A finding is kept when any line it covers changed, or is next to lines
//! deleted (removing a line changes the sentence around it). The rest are
//! left out and counted in the summary (`unchanged`). A draft read from
//! standard input has no history: its findings are all kept.

use std::path::{Path, PathBuf};
use std::process::Command;

use rustc_hash::FxHashMap;

use crate::check::{Audit, Severity};
use crate::error::{Error, Result};

/// What changed in each file since the base, by canonical path.
#[derive(Debug, Default)]
pub struct ChangedLines {
    files: FxHashMap<PathBuf, Changed>,
    /// The revision the changes are counted from (the merge base).
    pub base: String,
}

/// What changed in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Changed {
    /// A new file, not tracked yet: every line.
    Everything,
    /// Ranges of 1-based lines, inclusive.
    Lines(Vec<(usize, usize)>),
}

impl ChangedLines {
    /// Whether any of lines `first..=last` of the file at `path` changed.
    pub fn touches(&self, path: &Path, first: usize, last: usize) -> bool {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        match self.files.get(&key) {
            None => false,
            Some(Changed::Everything) => true,
            Some(Changed::Lines(ranges)) => ranges
                .iter()
                .any(|&(start, end)| start <= last && first <= end),
        }
    }
}

/// The lines changed in the repository holding the current folder since
/// `base` (see the module documentation; `None`: the default branch).
pub fn changed_since(base: Option<&str>) -> Result<ChangedLines> {
    let root = git(&["rev-parse", "--show-toplevel"])
        .map_err(|e| e.or("--diff: the current folder is not in a git repository"))?;
    let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
    let root = root.canonicalize().unwrap_or(root);
    let base = match base {
        Some(base) => {
            let spec = format!("{base}^{{commit}}");
            git(&["rev-parse", "--verify", "--quiet", &spec]).map_err(|e| {
                e.or(&format!(
                    "--diff: unknown revision `{base}` (a branch, tag or commit this repository has)"
                ))
            })?;
            base.to_string()
        }
        None => default_branch()?,
    };
    let merge_base = git(&["merge-base", &base, "HEAD"]).map_err(|e| {
        e.or(&format!(
            "--diff: `{base}` and HEAD have no commit in common"
        ))
    })?;
    let merge_base = merge_base.trim().to_string();
    let patch = git(&[
        "-c",
        "core.quotePath=false",
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--unified=0",
        "--find-renames",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        &merge_base,
        "--",
    ])
    .map_err(|e| e.or("--diff: git diff failed"))?;
    let mut files: FxHashMap<PathBuf, Changed> = parse_patch(&patch)
        .into_iter()
        .map(|(path, lines)| (root.join(path), Changed::Lines(lines)))
        .collect();
    let root_text = root.to_string_lossy().into_owned();
    let untracked = git(&[
        "-C",
        &root_text,
        "ls-files",
        "--others",
        "--exclude-standard",
        "--full-name",
        "-z",
    ])
    .map_err(|e| e.or("--diff: git ls-files failed"))?;
    for path in untracked.split('\0').filter(|p| !p.is_empty()) {
        files.insert(root.join(path), Changed::Everything);
    }
    // Keys canonical, as the paths they are compared with.
    let files = files
        .into_iter()
        .map(|(path, changed)| (path.canonicalize().unwrap_or(path), changed))
        .collect();
    Ok(ChangedLines {
        files,
        base: merge_base,
    })
}

/// Leaves out of `audit` the findings and input warnings on lines that did
/// not change, and counts the findings left out in its summary.
pub fn keep_changed(audit: &mut Audit, changed: &ChangedLines) {
    for document in &mut audit.documents {
        let path = Path::new(&document.path);
        if document.path == crate::document::STDIN_NAME {
            continue;
        }
        let before = document.findings.len();
        let mut errors = 0;
        let mut warnings = 0;
        document.findings.retain(|finding| {
            let keep = changed.touches(path, finding.span.line, finding.span.end_line);
            if !keep {
                match finding.severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                    Severity::Info => {}
                }
            }
            keep
        });
        document.warnings.retain(|warning| {
            warning
                .span
                .is_none_or(|span| changed.touches(path, span.line, span.end_line))
        });
        audit.summary.unchanged += before - document.findings.len();
        audit.summary.errors -= errors;
        audit.summary.warnings -= warnings;
    }
}

/// The repository's default branch, as the module documentation says.
fn default_branch() -> Result<String> {
    if let Ok(head) = git(&[
        "symbolic-ref",
        "--quiet",
        "--short",
        "refs/remotes/origin/HEAD",
    ]) {
        let head = head.trim();
        if !head.is_empty() {
            return Ok(head.to_string());
        }
    }
    for candidate in ["origin/main", "origin/master", "main", "master"] {
        let spec = format!("{candidate}^{{commit}}");
        if git(&["rev-parse", "--verify", "--quiet", &spec]).is_ok() {
            return Ok(candidate.to_string());
        }
    }
    Err(Error::Usage {
        message: "--diff: cannot tell the default branch (no origin/HEAD, origin/main, origin/master, main or master); name the base with --diff=BASE".to_string(),
    })
}

/// Why a git command failed: git is missing, or the command said no.
enum GitFailure {
    Missing(std::io::Error),
    Failed(String),
}

impl GitFailure {
    /// The error to report: git missing, or `context` with what git said.
    fn or(self, context: &str) -> Error {
        match self {
            GitFailure::Missing(error) => Error::Usage {
                message: format!("--diff needs git on PATH, and it could not be run: {error}"),
            },
            GitFailure::Failed(said) if said.is_empty() => Error::Usage {
                message: context.to_string(),
            },
            GitFailure::Failed(said) => Error::Usage {
                message: format!("{context}: {said}"),
            },
        }
    }
}

/// Runs git with `args` in the current folder; its standard output.
fn git(args: &[&str]) -> std::result::Result<String, GitFailure> {
    let output = Command::new("git")
        .args(args)
        // What git prints is read, never shown: no pager, no prompts.
        .env("GIT_PAGER", "cat")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(GitFailure::Missing)?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said.lines().next().unwrap_or_default().trim().to_string();
        return Err(GitFailure::Failed(said));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The new-side lines each file's hunks touch in a `--unified=0` patch,
/// by path relative to the repository root: 1-based, inclusive ranges. A
/// pure deletion touches the lines on either side of it. Any text is read
/// without a panic; what is not a patch gives nothing.
pub fn parse_patch(patch: &str) -> Vec<(PathBuf, Vec<(usize, usize)>)> {
    let mut files: Vec<(PathBuf, Vec<(usize, usize)>)> = Vec::new();
    let mut current: Option<usize> = None;
    for line in patch.lines() {
        if let Some(target) = line.strip_prefix("+++ ") {
            current = match unquote(target).strip_prefix("b/") {
                Some(path) => {
                    files.push((PathBuf::from(path), Vec::new()));
                    Some(files.len() - 1)
                }
                None => None, // /dev/null: the file was deleted
            };
        } else if line.starts_with("diff --git ") {
            current = None;
        } else if let (Some(at), Some(hunk)) = (current, line.strip_prefix("@@ "))
            && let Some((start, count)) = new_side(hunk)
        {
            // Saturating: a hunk header is text, and may say anything.
            let range = if count == 0 {
                (start, start.saturating_add(1))
            } else {
                (start, start.saturating_add(count - 1))
            };
            files[at].1.push(range);
        }
    }
    files
}

/// The new side of a hunk header (`-12,3 +14,5 @@ …`): its first line and
/// line count.
fn new_side(hunk: &str) -> Option<(usize, usize)> {
    let new = hunk.split_whitespace().nth(1)?.strip_prefix('+')?;
    let (start, count) = match new.split_once(',') {
        Some((start, count)) => (start.parse().ok()?, count.parse().ok()?),
        None => (new.parse().ok()?, 1),
    };
    Some((start, count))
}

/// A path as git writes it in a patch: as is, or in double quotes with C
/// escapes (`\"`, `\\`, `\t`, `\n`, octal bytes) when it holds unusual
/// characters.
fn unquote(text: &str) -> String {
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return text.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(b'a') => bytes.push(7),
            Some(b'b') => bytes.push(8),
            Some(b'f') => bytes.push(12),
            Some(b'v') => bytes.push(11),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            chars.next();
                        }
                        _ => break,
                    }
                }
                bytes.push(u8::try_from(value).unwrap_or(b'?'));
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_new_side_lines() {
        let patch = "diff --git a/drafts/a.md b/drafts/a.md\n\
            index 1..2 100644\n\
            --- a/drafts/a.md\n\
            +++ b/drafts/a.md\n\
            @@ -3 +3 @@ intro\n\
            -old\n\
            +new\n\
            @@ -10,2 +11,0 @@\n\
            @@ -20,0 +20,4 @@\n\
            diff --git a/gone.md b/gone.md\n\
            --- a/gone.md\n\
            +++ /dev/null\n\
            @@ -1,3 +0,0 @@\n\
            diff --git \"a/caf\\303\\251 \\\"x\\\".md\" \"b/caf\\303\\251 \\\"x\\\".md\"\n\
            +++ \"b/caf\\303\\251 \\\"x\\\".md\"\n\
            @@ -1 +1,2 @@\n";
        let files = parse_patch(patch);
        assert_eq!(
            files,
            [
                (
                    PathBuf::from("drafts/a.md"),
                    vec![(3, 3), (11, 12), (20, 23)]
                ),
                (PathBuf::from("café \"x\".md"), vec![(1, 2)]),
            ]
        );
    }

    #[test]
    fn touching_ranges() {
        let mut changed = ChangedLines::default();
        changed
            .files
            .insert(PathBuf::from("/no/such/a.md"), Changed::Lines(vec![(3, 4)]));
        let path = Path::new("/no/such/a.md");
        assert!(changed.touches(path, 4, 9));
        assert!(changed.touches(path, 1, 3));
        assert!(!changed.touches(path, 5, 9));
        assert!(!changed.touches(Path::new("/no/such/b.md"), 1, 1));
    }
}

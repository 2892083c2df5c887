//! Sources a draft declares itself, and the confinement of their paths.
//!
//! A Markdown draft may name its sources in YAML front matter:
//!
//! ```yaml
//! ---
//! sources: [sources/article.txt, ../shared/interview.md]
//! ---
//! ```
//!
//! Paths are relative to the draft. Because drafts come from anyone who can
//! open a pull request, every declared path is *confined* to the
//! repository root (the nearest folder above the draft holding `.git` or
//! `claimtrace.toml`, else the current folder) before anything reads it:
//! an absolute path, a `..` that climbs out of the root, a hidden file or
//! folder (`.git/config`, `.env`), or a symbolic link that leads out of it
//! is an error naming the draft and line, as is a path that is a directory,
//! a FIFO or anything else that is not a regular file. What is written is
//! checked first (and the message says why); then the path is resolved by
//! the one rule of [`crate::access`], whose refusals all read the same. A
//! refused file is never opened, so none of its bytes can reach any output.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::access;
use crate::document::{Document, STDIN_NAME};
use crate::error::{Error, Result};

/// A source path a draft declares, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    /// As written in the draft.
    pub written: String,
    /// 1-based line of the draft it is written on.
    pub line: usize,
}

#[derive(Deserialize)]
struct FrontMatter {
    #[serde(default)]
    sources: Vec<marked_yaml::Spanned<String>>,
}

/// The sources declared in `draft`'s front matter (none without one).
pub fn sources(draft: &Document) -> Result<Vec<Declared>> {
    let Some(span) = draft.front_matter else {
        return Ok(Vec::new());
    };
    let block = draft.slice(span);
    // The YAML between the `---` lines; its first line is the draft's next.
    let body_start = block.find('\n').map_or(block.len(), |i| i + 1);
    let body = block[body_start..]
        .trim_end()
        .trim_end_matches("---")
        .trim_end_matches("...");
    let first_line = draft
        .locate(crate::span::Span::new(
            span.start + body_start,
            span.start + body_start,
        ))
        .line;
    if body.trim().is_empty() {
        return Ok(Vec::new());
    }
    let front: FrontMatter = marked_yaml::from_yaml(0, body).map_err(|e| Error::Declared {
        path: draft.path.clone(),
        line: first_line,
        message: format!("front matter: {e}"),
    })?;
    Ok(front
        .sources
        .into_iter()
        .map(|source| {
            let line = source.span().start().map_or(1, |m| m.line());
            Declared {
                written: source.as_str().to_string(),
                line: first_line + line.saturating_sub(1),
            }
        })
        .collect())
}

/// The repository root of a draft: the nearest folder at or above the
/// draft's own holding `.git` or `claimtrace.toml`, else the current
/// folder. Always canonical.
pub fn repository_root(draft: &Path) -> Result<PathBuf> {
    let folder = draft_folder(draft)?;
    match access::nearest_root(&folder) {
        Some(root) => Ok(root.to_path_buf()),
        None => current_folder(),
    }
}

/// The canonical folder a draft's paths are relative to: the one holding
/// it, or the current folder for standard input.
fn draft_folder(draft: &Path) -> Result<PathBuf> {
    if draft == Path::new(STDIN_NAME) {
        return current_folder();
    }
    let real = match draft.canonicalize() {
        Ok(real) => real,
        // A draft held in memory and not saved yet (an editor's new
        // buffer): the folder it is to be saved in decides.
        Err(source) => {
            let folder = match draft.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            match (folder.canonicalize(), draft.file_name()) {
                (Ok(folder), Some(name)) => folder.join(name),
                _ => {
                    return Err(Error::Io {
                        path: draft.to_path_buf(),
                        source,
                    });
                }
            }
        }
    };
    Ok(real.parent().map_or(real.clone(), Path::to_path_buf))
}

fn current_folder() -> Result<PathBuf> {
    let io_error = |source| Error::Io {
        path: PathBuf::from("."),
        source,
    };
    std::env::current_dir()
        .and_then(|current| current.canonicalize())
        .map_err(io_error)
}

/// Resolves `declared` (from `draft`) inside `root`, or says why not,
/// without opening anything.
pub fn confine(draft: &Path, root: &Path, declared: &Declared) -> Result<PathBuf> {
    confine_lexically(draft, root, declared)?;
    confine_really(draft, root, declared)
}

/// Like [`confine`], but a path that names nothing is `Ok(None)` rather
/// than an error: for citations, where a missing file is a finding.
pub fn confine_if_present(
    draft: &Path,
    root: &Path,
    declared: &Declared,
) -> Result<Option<PathBuf>> {
    confine_lexically(draft, root, declared)?;
    match confine_physically(draft, root, declared)? {
        Err(denied) if denied.is_not_found() => Ok(None),
        _ => confine_really(draft, root, declared).map(Some),
    }
}

fn refusal(draft: &Path, declared: &Declared, message: String) -> Error {
    Error::Declared {
        path: draft.to_path_buf(),
        line: declared.line,
        message,
    }
}

/// The path by its letters: not absolute, nothing hidden, and no `..`
/// climbing out of `root`. These refusals restate what the draft wrote, so
/// they say why.
fn confine_lexically(draft: &Path, root: &Path, declared: &Declared) -> Result<PathBuf> {
    let refuse = |message: String| refusal(draft, declared, message);
    let written = Path::new(&declared.written);
    if declared.written.is_empty() {
        return Err(refuse("empty source path".to_string()));
    }
    if written.is_absolute() || written.has_root() || declared.written.starts_with('\\') {
        return Err(refuse(format!(
            "source `{}` is an absolute path; write it relative to the draft",
            declared.written
        )));
    }
    let mut lexical = draft_folder(draft)?;
    for component in written.components() {
        match component {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::Normal(part) if part.as_encoded_bytes().starts_with(b".") => {
                return Err(refuse(format!(
                    "source `{}` is a hidden file or in a hidden folder (such as .git), never read as a source",
                    declared.written
                )));
            }
            Component::Normal(part) => lexical.push(part),
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => {
                return Err(refuse(format!(
                    "source `{}` is an absolute path",
                    declared.written
                )));
            }
        }
    }
    if !lexical.starts_with(root) {
        return Err(refuse(format!(
            "source `{}` is outside the repository root",
            declared.written
        )));
    }
    Ok(lexical)
}

/// Where the file system really leads, by the one rule of
/// [`crate::access`]: resolved from the root one component at a time, a
/// link may not lead out of `root` or to a hidden file, and the end must
/// be a regular file. Every refusal reads the same, so a draft cannot learn
/// what lies outside the root.
fn confine_really(draft: &Path, root: &Path, declared: &Declared) -> Result<PathBuf> {
    let admitted = confine_physically(draft, root, declared)?
        .map_err(|denied| refusal(draft, declared, denied_message(declared, &denied)))?;
    if admitted.is_dir {
        return Err(refusal(
            draft,
            declared,
            format!("source `{}` is a directory, not a file", declared.written),
        ));
    }
    Ok(admitted.real)
}

/// The declared path resolved inside `root` from the draft's folder.
fn confine_physically(
    draft: &Path,
    root: &Path,
    declared: &Declared,
) -> Result<std::result::Result<access::Admitted, access::Denied>> {
    let folder = draft_folder(draft)?;
    let inside = folder.strip_prefix(root).unwrap_or(Path::new(""));
    Ok(access::beneath(root, &inside.join(&declared.written)))
}

fn denied_message(declared: &Declared, denied: &access::Denied) -> String {
    format!("source `{}`: {}", declared.written, denied.message())
}

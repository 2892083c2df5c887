//! Finding the files a run reads: a path named as it is, a folder walked
//! for prose files (`.txt`, `.md`, `.markdown`), in sorted order so output
//! is the same on every machine.
//!
//! A walk is confined to the repository that holds the folder (the nearest
//! folder at or above it holding `.git` or `claimtrace.toml`, else the
//! folder itself), because what a folder holds comes from whoever can open a
//! pull request:
//!
//! * a symbolic link is resolved, and one leading outside the root is
//!   skipped with a warning — the file it points at is never opened;
//! * every folder and every file is visited once, however many links lead
//!   to it, so a link back up the tree (`a -> .`) neither repeats files nor
//!   makes the walk endless;
//! * hidden files and folders (`.git/`, `.cache/`, `.draft.md`) are never
//!   read.
//!
//! A path named on the command line is the operator's choice and is taken
//! as it is (a named file is read once however often it is named).
//! Hard links cannot be told apart from the files they link: they are read
//! like any other file.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use crate::error::Error;

/// A file to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// As the user would write it: the named path, or a walked folder's
    /// path joined with the names below it.
    pub path: PathBuf,
    /// Named by the user rather than met in a folder: a file that cannot be
    /// read as text is then an error, not a skip.
    pub named: bool,
}

/// The files found, and what was met on the way.
#[derive(Debug, Default)]
pub struct Walk {
    pub found: Vec<Found>,
    /// Met in a folder and left unread, each with the reason: a link out of
    /// the root, a folder that could not be listed.
    pub skipped: Vec<Error>,
    /// Named paths that do not exist or cannot be looked at.
    pub errors: Vec<Error>,
}

/// How standard input is named on the command line.
pub const STDIN: &str = "-";

/// The files named by `paths` (`-` standing for standard input).
pub fn files(paths: &[PathBuf]) -> Walk {
    let mut walker = Walker::default();
    for path in paths {
        walker.named(path);
    }
    walker.walk
}

#[derive(Default)]
struct Walker {
    walk: Walk,
    files: FxHashSet<PathBuf>,
    folders: FxHashSet<PathBuf>,
}

impl Walker {
    fn named(&mut self, path: &Path) {
        if path == Path::new(STDIN) {
            // Standard input, read once however often it is named.
            if self.files.insert(path.to_path_buf()) {
                self.walk.found.push(Found {
                    path: path.to_path_buf(),
                    named: true,
                });
            }
            return;
        }
        let io_error = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => return self.walk.errors.push(io_error(error)),
        };
        let real = match path.canonicalize() {
            Ok(real) => real,
            Err(error) => return self.walk.errors.push(io_error(error)),
        };
        if metadata.is_dir() {
            let root = repository_root(&real);
            self.folder(path, &real, &root);
        } else if self.files.insert(real) {
            self.walk.found.push(Found {
                path: path.to_path_buf(),
                named: true,
            });
        }
    }

    /// Walks the folder shown as `shown`, whose canonical path is `real`.
    fn folder(&mut self, shown: &Path, real: &Path, root: &Path) {
        if !self.folders.insert(real.to_path_buf()) {
            return; // reached before, through a link
        }
        let entries = std::fs::read_dir(shown).and_then(|entries| {
            entries
                .map(|entry| entry.map(|e| e.file_name()))
                .collect::<std::io::Result<Vec<_>>>()
        });
        let mut names = match entries {
            Ok(names) => names,
            Err(source) => {
                return self.walk.skipped.push(Error::Io {
                    path: shown.to_path_buf(),
                    source,
                });
            }
        };
        names.sort();
        for name in names {
            if name.as_encoded_bytes().starts_with(b".") {
                continue; // hidden, `.git` among them
            }
            let path = shown.join(&name);
            let Ok(metadata) = std::fs::symlink_metadata(&path) else {
                continue; // gone since the folder was listed
            };
            let (real, metadata) = if metadata.file_type().is_symlink() {
                match self.resolve_link(&path, root) {
                    Some(resolved) => resolved,
                    None => continue,
                }
            } else {
                (real.join(&name), metadata)
            };
            if metadata.is_dir() {
                self.folder(&path, &real, root);
            } else if is_prose_file(&path) && self.files.insert(real) {
                self.walk.found.push(Found { path, named: false });
            }
        }
    }

    /// Where the link at `path` leads, if it stays inside `root`; a link
    /// leading out, or nowhere, is skipped (with a warning when it looks
    /// like a prose file or leads to a folder).
    fn resolve_link(&mut self, path: &Path, root: &Path) -> Option<(PathBuf, std::fs::Metadata)> {
        let resolved = path
            .canonicalize()
            .and_then(|real| std::fs::metadata(&real).map(|m| (real, m)));
        let reason = match resolved {
            Ok((real, metadata)) if real.starts_with(root) => return Some((real, metadata)),
            Ok((_, metadata)) if metadata.is_dir() || is_prose_file(path) => {
                "symbolic link leading outside the repository root, not followed"
            }
            Err(_) if is_prose_file(path) => "symbolic link leading nowhere",
            _ => return None,
        };
        self.walk.skipped.push(Error::Refused {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        });
        None
    }
}

/// The repository root of the canonical folder `folder`: the nearest
/// folder at or above it holding `.git` or `claimtrace.toml`, else the
/// folder itself.
pub fn repository_root(folder: &Path) -> PathBuf {
    folder
        .ancestors()
        .find(|f| f.join(".git").exists() || f.join(crate::config::FILE_NAME).is_file())
        .unwrap_or(folder)
        .to_path_buf()
}

/// Whether a file in a folder is one claimtrace reads.
fn is_prose_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "markdown")
    )
}

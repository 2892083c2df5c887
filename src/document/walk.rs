//! Finding the files a run reads: a path named as it is, a folder walked
//! for prose files (`.txt`, `.md`, `.markdown`), in sorted order so output
//! is the same on every machine.
//!
//! Every path goes through the one rule of [`crate::access`] (inside the
//! repository root, nothing hidden, regular files only), because what a
//! folder holds comes from whoever can open a pull request:
//!
//! * a named path is admitted from where it enters the repository root of
//!   the run; one the rule refuses is an error;
//! * in a folder, a symbolic link is resolved inside the root, and one the
//!   rule refuses (leading out, to a hidden file, nowhere) is skipped with
//!   a warning — the file it points at is never opened;
//! * every folder and every file is visited once, however many links lead
//!   to it, so a link back up the tree (`a -> .`) neither repeats files nor
//!   makes the walk endless;
//! * hidden files and folders (`.git/`, `.cache/`, `.draft.md`) are never
//!   read;
//! * an entry that cannot be looked at (a path longer than the system
//!   allows, a folder that cannot be listed) is skipped with a warning,
//!   never silently.
//!
//! Hard links cannot be told apart from the files they link: they are read
//! like any other file.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use crate::access::{self, Admitted, Denied};
use crate::error::Error;

/// A file to read.
#[derive(Clone, Debug)]
pub struct Found {
    /// As the user would write it: the named path, or a walked folder's
    /// path joined with the names below it.
    pub path: PathBuf,
    /// Named by the user rather than met in a folder: a file that cannot be
    /// read as text is then an error, not a skip.
    pub named: bool,
    /// Where it really is, admitted by [`crate::access`]; `None` for
    /// standard input.
    pub admitted: Option<Admitted>,
}

impl Found {
    /// The canonical path of the file (`-` for standard input).
    pub fn key(&self) -> PathBuf {
        self.admitted
            .as_ref()
            .map_or_else(|| self.path.clone(), |admitted| admitted.real.clone())
    }
}

/// The files found, and what was met on the way.
#[derive(Debug, Default)]
pub struct Walk {
    pub found: Vec<Found>,
    /// Met in a folder and left unread, each with the reason: a link the
    /// rule refuses, an entry or folder that could not be looked at.
    pub skipped: Vec<Error>,
    /// Named paths that do not exist, cannot be looked at, or are refused.
    pub errors: Vec<Error>,
}

/// How standard input is named on the command line.
pub const STDIN: &str = "-";

/// The files named by `paths` (`-` standing for standard input), confined
/// to `run_root` (canonical; see [`access::named`]).
pub fn files(paths: &[PathBuf], run_root: &Path) -> Walk {
    let mut walker = Walker::default();
    for path in paths {
        walker.named(path, run_root);
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
    fn named(&mut self, path: &Path, run_root: &Path) {
        if path == Path::new(STDIN) {
            // Standard input, read once however often it is named.
            if self.files.insert(path.to_path_buf()) {
                self.walk.found.push(Found {
                    path: path.to_path_buf(),
                    named: true,
                    admitted: None,
                });
            }
            return;
        }
        let admitted = match access::named(path, run_root) {
            Ok(admitted) => admitted,
            Err(denied) => return self.walk.errors.push(denied.into_error(path)),
        };
        if admitted.is_dir {
            let (real, root) = (admitted.real.clone(), admitted.root.clone());
            self.folder(path, &real, &root);
        } else if self.files.insert(admitted.real.clone()) {
            self.walk.found.push(Found {
                path: path.to_path_buf(),
                named: true,
                admitted: Some(admitted),
            });
        }
    }

    /// Walks the folder shown as `shown`, whose canonical path is `real`,
    /// inside `root`.
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
        let inside = real.strip_prefix(root).unwrap_or(Path::new(""));
        for name in names {
            if name.as_encoded_bytes().starts_with(b".") {
                continue; // hidden, `.git` among them
            }
            let path = shown.join(&name);
            let admitted = match access::beneath(root, &inside.join(&name)) {
                Ok(admitted) => admitted,
                // Gone since the folder was listed.
                Err(denied) if denied.is_not_found() && !is_link(&path) => continue,
                Err(denied) => {
                    // Said for what would have been read: a prose file or
                    // a folder (a link's target is not looked at).
                    if is_prose_file(&path) || is_link(&path) || !denied_is_refusal(&denied) {
                        self.walk.skipped.push(denied.into_error(&path));
                    }
                    continue;
                }
            };
            if admitted.is_dir {
                let (real, root) = (admitted.real.clone(), admitted.root.clone());
                self.folder(&path, &real, &root);
            } else if is_prose_file(&path) && self.files.insert(admitted.real.clone()) {
                self.walk.found.push(Found {
                    path,
                    named: false,
                    admitted: Some(admitted),
                });
            }
        }
    }
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn denied_is_refusal(denied: &Denied) -> bool {
    matches!(denied, Denied::Refused)
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

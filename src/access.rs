//! What claimtrace may read: one rule, applied to where a path really
//! leads, before the file is opened.
//!
//! Drafts, sources, rule files and `claimtrace.toml` come from whoever can
//! open a pull request, and what claimtrace reads can reach its output (a
//! quotation's evidence, a parse error's line). So every file is admitted
//! by the same rule, whether it was named on the command line, declared in
//! front matter, cited in a footnote, met in a folder walk or named in the
//! configuration. With every symbolic link resolved, the file must
//!
//! 1. lie inside the repository root (the nearest folder holding `.git` or
//!    `claimtrace.toml`);
//! 2. have no component below the root that starts with `.` (`.git/`,
//!    `.env`, `.ssh/`): hidden files are never read;
//! 3. be a regular file (no FIFO, device or socket; a folder only where a
//!    folder is asked for).
//!
//! Paths are resolved one component at a time from the root, as the
//! kernel's `openat2(RESOLVE_BENEATH)` does, not with `canonicalize`: a
//! link is followed only while it stays inside, and resolution stops at
//! the first step that would leave the root or enter a hidden name,
//! before anything beyond it is looked at. A refusal therefore says
//! nothing about the world outside the root: a link to `/etc/shadow` and a
//! link to a file that does not exist get the same [`REFUSED`] answer. (A
//! link that leaves the root is refused even when it would come back in.)
//!
//! Named paths (the command line, `--rules`) are the operator's: links on
//! the way *to* the repository (a home folder that is a link) are followed
//! as they are, and only from the point a path enters the repository root
//! of the run does the rule above apply. A path outside the run's
//! repository altogether is confined to its own repository root, or to its
//! folder where it has none.
//!
//! What cannot be told apart by path is not caught: a hard link inside the
//! repository to a file outside reads as an ordinary file (the README's
//! Security section says what to do about it).

use std::ffi::OsString;
use std::fs::{File, Metadata};
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The name of the configuration file, whose folder (like one holding
/// `.git`) is a repository root. It lives here, with the root it marks,
/// so that reading files depends on nothing of the configuration.
pub const CONFIG_FILE_NAME: &str = "claimtrace.toml";

/// The one answer for a path the rule refuses, whatever the reason: a
/// refusal must not tell a link to an existing file outside the root from
/// one to nothing.
pub const REFUSED: &str = "refused: claimtrace reads only regular files inside the repository root, never hidden files or links leading out of it";

/// How many symbolic links one resolution follows before giving up (the
/// kernel's own limit is 40).
const MAX_LINKS: usize = 40;

/// Why a path was not admitted.
#[derive(Debug)]
pub enum Denied {
    /// The rule refuses it: outside the root, hidden, not a regular file,
    /// or a link that cannot be followed. Always shown as [`REFUSED`].
    Refused,
    /// Inside the root, the file system said no (most often: no such
    /// file). Safe to show: it is about the repository only.
    Io(io::Error),
}

impl Denied {
    /// The error for a path named `shown`.
    pub fn into_error(self, shown: &Path) -> Error {
        match self {
            Denied::Refused => Error::Refused {
                path: shown.to_path_buf(),
                reason: REFUSED.to_string(),
            },
            Denied::Io(source) => Error::Io {
                path: shown.to_path_buf(),
                source,
            },
        }
    }

    /// The error as a message without the path (for errors that say the
    /// path in their own words).
    pub fn message(&self) -> String {
        match self {
            Denied::Refused => REFUSED.to_string(),
            Denied::Io(error) => error.to_string(),
        }
    }

    /// Whether the file system found nothing at the path (inside the root).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Denied::Io(error) if error.kind() == io::ErrorKind::NotFound)
    }
}

/// A path the rule admits: where it really is, and the root it was
/// confined to.
#[derive(Clone, Debug)]
pub struct Admitted {
    /// The path with every link resolved: canonical, inside `root`.
    pub real: PathBuf,
    /// The root it is confined to (canonical).
    pub root: PathBuf,
    /// Whether it is a folder (else it is a regular file).
    pub is_dir: bool,
}

/// The repository root for the canonical folder `folder`: the nearest
/// folder at or above it holding `.git` or `claimtrace.toml`, else the
/// folder itself.
pub fn repository_root(folder: &Path) -> PathBuf {
    nearest_root(folder).unwrap_or(folder).to_path_buf()
}

/// The nearest folder at or above `folder` that marks a repository root,
/// if one does.
pub fn nearest_root(folder: &Path) -> Option<&Path> {
    folder.ancestors().find(|f| is_root(f))
}

/// Whether `folder` marks a repository root: it holds `.git` or
/// `claimtrace.toml`.
pub fn is_root(folder: &Path) -> bool {
    folder.join(".git").exists() || folder.join(CONFIG_FILE_NAME).is_file()
}

/// The repository root of a run started in `start` (usually the current
/// folder), canonical.
pub fn run_root(start: &Path) -> io::Result<PathBuf> {
    Ok(repository_root(&start.canonicalize()?))
}

/// Resolves `relative` inside the canonical folder `root`, one component
/// at a time, and admits what it leads to: a regular file or a folder
/// inside the root, with no hidden component.
pub fn beneath(root: &Path, relative: &Path) -> Result<Admitted, Denied> {
    let mut current = root.to_path_buf();
    // Components still to walk, last first, so a link's target can be
    // pushed in front of what follows it.
    let mut pending: Vec<OsString> = Vec::new();
    push_components(&mut pending, relative)?;
    let mut links = 0;
    let mut metadata = std::fs::symlink_metadata(&current).map_err(Denied::Io)?;
    while let Some(part) = pending.pop() {
        if part == ".." {
            if current == root {
                return Err(Denied::Refused);
            }
            current.pop();
            metadata = std::fs::symlink_metadata(&current).map_err(Denied::Io)?;
            continue;
        }
        if part.as_encoded_bytes().starts_with(b".") {
            return Err(Denied::Refused);
        }
        if !metadata.is_dir() {
            return Err(Denied::Io(io::Error::new(
                io::ErrorKind::NotADirectory,
                "not a directory",
            )));
        }
        let next = current.join(&part);
        let found = std::fs::symlink_metadata(&next).map_err(Denied::Io)?;
        if found.file_type().is_symlink() {
            links += 1;
            if links > MAX_LINKS {
                return Err(Denied::Refused);
            }
            let target = std::fs::read_link(&next).map_err(Denied::Io)?;
            if target.has_root() {
                // An absolute target is followed only into the root.
                let Ok(inside) = target.strip_prefix(root) else {
                    return Err(Denied::Refused);
                };
                current = root.to_path_buf();
                metadata = std::fs::symlink_metadata(&current).map_err(Denied::Io)?;
                push_components(&mut pending, inside)?;
            } else {
                push_components(&mut pending, &target)?;
            }
            continue;
        }
        current = next;
        metadata = found;
    }
    if !metadata.is_dir() && !metadata.is_file() {
        return Err(Denied::Refused);
    }
    Ok(Admitted {
        is_dir: metadata.is_dir(),
        real: current,
        root: root.to_path_buf(),
    })
}

/// Pushes the parts of `path` onto `pending` so that its first part is
/// popped first; `.` parts are dropped, and a root or prefix is refused.
fn push_components(pending: &mut Vec<OsString>, path: &Path) -> Result<(), Denied> {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_os_string()),
            Component::ParentDir => parts.push(OsString::from("..")),
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return Err(Denied::Refused),
        }
    }
    pending.extend(parts.into_iter().rev());
    Ok(())
}

/// Admits a path the operator named (on the command line, or a folder of
/// the configuration already written relative to the root): confined to
/// `run_root` from where it enters it, or to its own repository when it
/// lies outside the run's.
pub fn named(path: &Path, run_root: &Path) -> Result<Admitted, Denied> {
    let absolute = lexical_absolute(path).map_err(Denied::Io)?;
    if let Ok(inside) = absolute.strip_prefix(run_root) {
        return beneath(run_root, inside);
    }
    // Written another way (through a link on the way to the repository):
    // follow the operator's links until the path enters the root.
    let mut prefix = PathBuf::new();
    let mut parts = absolute.components();
    for component in parts.by_ref() {
        prefix.push(component);
        match prefix.canonicalize() {
            Ok(real) if real.starts_with(run_root) => {
                let rest: PathBuf = real
                    .strip_prefix(run_root)
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
                    .join(parts.as_path());
                return beneath(run_root, &rest);
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    // Outside the run's repository: the operator's own file, confined to
    // its repository (or folder).
    let real = absolute.canonicalize().map_err(Denied::Io)?;
    let metadata = std::fs::metadata(&real).map_err(Denied::Io)?;
    let folder = if metadata.is_dir() {
        real.as_path()
    } else {
        real.parent().unwrap_or(&real)
    };
    let root = repository_root(folder);
    let inside = real.strip_prefix(&root).unwrap_or(Path::new(""));
    beneath(&root, inside)
}

/// `path` as an absolute path, with `.` and `..` taken as written (the
/// operator's words, not the file system's).
fn lexical_absolute(path: &Path) -> io::Result<PathBuf> {
    let joined = if path.has_root() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.canonicalize()?.join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Ok(out)
}

/// Opens the admitted regular file `admitted` for reading, refusing it if
/// it changed into something else since it was admitted: the last
/// component is not followed if it became a link, a FIFO does not block,
/// and what is opened is checked again.
pub fn open(admitted: &Admitted) -> Result<(File, Metadata), Denied> {
    if admitted.is_dir {
        return Err(Denied::Refused);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match options.open(&admitted.real) {
        Ok(file) => file,
        Err(error) if error.raw_os_error() == Some(ELOOP) => return Err(Denied::Refused),
        Err(error) => return Err(Denied::Io(error)),
    };
    let metadata = file.metadata().map_err(Denied::Io)?;
    if !metadata.is_file() {
        return Err(Denied::Refused);
    }
    Ok((file, metadata))
}

/// The error `open` gets for a last component that is a link.
#[cfg(unix)]
const ELOOP: i32 = libc::ELOOP;
#[cfg(not(unix))]
const ELOOP: i32 = -1;

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    struct Tree {
        top: tempfile::TempDir,
    }

    impl Tree {
        fn new() -> Tree {
            let tree = Tree {
                top: tempfile::tempdir().expect("temporary folder"),
            };
            tree.write("repo/.git/config", "token");
            tree.write("repo/.env", "secret");
            tree.write("repo/sources/a.txt", "text");
            tree.write("outside/secret.txt", "secret");
            tree
        }

        fn path(&self, relative: &str) -> PathBuf {
            self.top
                .path()
                .canonicalize()
                .expect("canonical")
                .join(relative)
        }

        fn root(&self) -> PathBuf {
            self.path("repo")
        }

        fn write(&self, relative: &str, text: &str) {
            let path = self.top.path().join(relative);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(path, text).expect("written");
        }

        fn link(&self, target: &str, relative: &str) {
            let path = self.top.path().join(relative);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            symlink(target, path).expect("link");
        }

        fn admit(&self, relative: &str) -> Result<Admitted, Denied> {
            beneath(&self.root(), Path::new(relative))
        }
    }

    #[test]
    fn files_inside_are_admitted_through_links_that_stay_inside() {
        let tree = Tree::new();
        tree.link("sources/a.txt", "repo/b.txt");
        tree.link("../sources", "repo/drafts/src");
        let root = tree.root();
        for path in [
            "sources/a.txt",
            "b.txt",
            "drafts/src/a.txt",
            "drafts/../b.txt",
        ] {
            let admitted = tree.admit(path).unwrap_or_else(|e| panic!("{path}: {e:?}"));
            assert_eq!(admitted.real, root.join("sources/a.txt"), "{path}");
            assert!(!admitted.is_dir);
        }
        tree.link(
            &root.join("sources/a.txt").display().to_string(),
            "repo/abs.txt",
        );
        assert!(tree.admit("abs.txt").is_ok());
    }

    #[test]
    fn hidden_files_are_refused_however_they_are_reached() {
        let tree = Tree::new();
        tree.link("../.git/config", "repo/sources/cfg.txt");
        tree.link("../.env", "repo/sources/env.txt");
        tree.link(".git", "repo/git");
        for path in [
            ".env",
            ".git/config",
            "sources/cfg.txt",
            "sources/env.txt",
            "git/config",
        ] {
            assert!(matches!(tree.admit(path), Err(Denied::Refused)), "{path}");
        }
    }

    #[test]
    fn a_refusal_outside_says_nothing_about_what_is_there() {
        let tree = Tree::new();
        tree.link("../../outside", "repo/sub");
        tree.link("/", "repo/top");
        tree.link("../../outside/nothing.txt", "repo/dangling.txt");
        for path in [
            "sub/secret.txt",
            "sub/nothing.txt",
            "top/etc/passwd",
            "top/etc/no-such-file",
            "dangling.txt",
            "../outside/secret.txt",
        ] {
            assert!(matches!(tree.admit(path), Err(Denied::Refused)), "{path}");
        }
        // Inside the root, a missing file is said to be missing.
        assert!(
            tree.admit("sources/nothing.txt")
                .unwrap_err()
                .is_not_found()
        );
    }

    #[test]
    fn link_loops_end_in_a_refusal() {
        let tree = Tree::new();
        tree.link("loop-b", "repo/loop-a");
        tree.link("loop-a", "repo/loop-b");
        assert!(matches!(tree.admit("loop-a"), Err(Denied::Refused)));
    }

    #[test]
    fn special_files_are_refused() {
        let tree = Tree::new();
        let fifo = tree.root().join("pipe.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        assert!(matches!(tree.admit("pipe.txt"), Err(Denied::Refused)));
    }

    #[test]
    fn named_paths_are_confined_from_where_they_enter_the_root() {
        let tree = Tree::new();
        let root = tree.root();
        tree.link("../../outside/secret.txt", "repo/leak.txt");
        let named_inside = named(&root.join("sources/a.txt"), &root).expect("inside");
        assert_eq!(named_inside.real, root.join("sources/a.txt"));
        assert!(matches!(
            named(&root.join("leak.txt"), &root),
            Err(Denied::Refused)
        ));
        assert!(matches!(
            named(&root.join(".env"), &root),
            Err(Denied::Refused)
        ));
        // A path outside the run's repository is the operator's choice.
        let outside = named(&tree.path("outside/secret.txt"), &root).expect("outside");
        assert_eq!(outside.real, tree.path("outside/secret.txt"));
        // Reached through a link on the way to the repository, the rule
        // applies from where the path enters the root.
        tree.link("repo", "alias");
        let through = named(&tree.path("alias/leak.txt"), &root);
        assert!(matches!(through, Err(Denied::Refused)));
        assert!(named(&tree.path("alias/sources/a.txt"), &root).is_ok());
    }
}

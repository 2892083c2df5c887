//! Writing a report to a file named with `--output`, whole or not at all,
//! and only ever to a regular file.
//!
//! The report is written to a temporary file beside the target and renamed
//! over it only once complete, so an interrupted or failed run never leaves
//! a half-written report, and an earlier report stays intact until a new
//! one replaces it. Any failure names the target path.
//!
//! The target is looked at before any work is done ([`Pending::create`]):
//!
//! * it must be a regular file or not exist yet: a device (`/dev/null`), a
//!   FIFO or a folder is refused, never replaced;
//! * a symbolic link is refused, not followed: a link planted where a
//!   report is written (`report.sarif -> ~/.bashrc`) must not make the
//!   report land elsewhere, and replacing the link itself would surprise
//!   whoever made it;
//! * an existing file keeps its permissions (and, where the run may set
//!   it, its owner): a private report stays private.
//!
//! The temporary file's path is registered while it exists, so a front end
//! that catches an interruption (the command line catches SIGINT, SIGTERM
//! and SIGHUP) removes it with [`remove_pending`] before it exits.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Temporary report files that exist now, for [`remove_pending`].
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary report file still pending: for a handler of an
/// interruption, which then exits without unwinding.
pub fn remove_pending() {
    let paths = match PENDING.lock() {
        Ok(mut pending) => std::mem::take(&mut *pending),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

/// A temporary file's place in [`PENDING`], for as long as it is held.
struct Registered(PathBuf);

impl Registered {
    fn new(path: &Path) -> Registered {
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(path.to_path_buf());
        }
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|p| *p != self.0);
        }
    }
}

/// A report file being made: the temporary file beside its target.
pub struct Pending {
    target: PathBuf,
    temporary: tempfile::NamedTempFile,
    _registered: Registered,
}

impl Pending {
    /// Refuses a target that is not a regular file (or a new one), and
    /// makes the temporary file beside it, with the target's permissions
    /// when it exists.
    pub fn create(target: &Path) -> Result<Pending> {
        let failed = |source: io::Error| Error::Io {
            path: target.to_path_buf(),
            source,
        };
        let refused = |what: &str| Error::Refused {
            path: target.to_path_buf(),
            reason: format!(
                "{what}; --output writes a report only to a regular file (leave it out to write to standard output)"
            ),
        };
        let existing = match std::fs::symlink_metadata(target) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                return Err(refused("a symbolic link, not followed"));
            }
            Ok(metadata) if metadata.is_dir() => return Err(refused("a folder")),
            Ok(metadata) if !metadata.is_file() => {
                return Err(refused("not a regular file (a device, FIFO or socket)"));
            }
            Ok(metadata) => Some(metadata),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(failed(error)),
        };
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".claimtrace-").suffix(".tmp");
        // A new report is like any file the user creates: rw for all, less
        // the umask (a temporary file is otherwise private to its owner).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temporary = builder.tempfile_in(folder).map_err(failed)?;
        let pending = Pending {
            target: target.to_path_buf(),
            _registered: Registered::new(temporary.path()),
            temporary,
        };
        if let Some(metadata) = existing {
            pending.keep_permissions(&metadata).map_err(failed)?;
        }
        Ok(pending)
    }

    /// Gives the temporary file the permissions (and owner, where allowed)
    /// of the file it replaces.
    fn keep_permissions(&self, existing: &std::fs::Metadata) -> io::Result<()> {
        let file = self.temporary.as_file();
        file.set_permissions(existing.permissions())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Only a privileged run may give a file away; otherwise the
            // report is the runner's, as any file it writes.
            let _ = std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid()));
        }
        Ok(())
    }

    /// Writes the report with `render` and puts it in place of the target.
    pub fn commit(self, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
        let Pending {
            target,
            temporary,
            _registered,
        } = self;
        let failed = |source: io::Error| Error::Io {
            path: target.clone(),
            source,
        };
        let result = (|| {
            let mut out = BufWriter::new(temporary);
            render(&mut out).map_err(failed)?;
            let temporary = out.into_inner().map_err(|e| failed(e.into_error()))?;
            temporary.as_file().sync_all().map_err(failed)?;
            temporary.persist(&target).map_err(|e| failed(e.error))?;
            Ok(())
        })();
        drop(_registered);
        result
    }
}

/// Writes the file at `path` with `render`: into a temporary file in the
/// same folder, then renamed over `path` (see [`Pending`]).
pub fn write_file(
    path: &Path,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    Pending::create(path)?.commit(render)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_render_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.html");
        std::fs::write(&target, "old").unwrap();
        let error = write_file(&target, |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("stopped"))
        })
        .unwrap_err();
        assert!(error.to_string().contains("report.html"), "{error}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_complete_render_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.html");
        std::fs::write(&target, "old").unwrap();
        write_file(&target, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no-such-folder/report.html");
        let error = write_file(&target, |out| out.write_all(b"x")).unwrap_err();
        assert!(
            error.to_string().contains("no-such-folder/report.html"),
            "{error}"
        );
    }

    // `remove_pending` itself is tested through a real interruption (in
    // tests/hostile.rs): called here it would remove the temporary files
    // of the tests running beside this one.
    #[test]
    fn a_temporary_file_is_pending_while_it_exists() {
        let is_pending = |path: &Path| PENDING.lock().unwrap().iter().any(|p| p == path);
        let dir = tempfile::tempdir().unwrap();
        let pending = Pending::create(&dir.path().join("report.json")).unwrap();
        let temporary = pending.temporary.path().to_path_buf();
        assert!(temporary.exists() && is_pending(&temporary));
        drop(pending);
        assert!(!temporary.exists() && !is_pending(&temporary));
        let pending = Pending::create(&dir.path().join("report.json")).unwrap();
        let temporary = pending.temporary.path().to_path_buf();
        pending.commit(|out| out.write_all(b"{}")).unwrap();
        assert!(!is_pending(&temporary));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_written_and_they_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let private = dir.path().join("private.json");
        std::fs::write(&private, "old").unwrap();
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_file(&private, |out| out.write_all(b"new")).unwrap();
        let mode = std::fs::metadata(&private).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&private, &link).unwrap();
        let fifo = dir.path().join("pipe.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        for refused in [link.as_path(), dir.path(), fifo.as_path()] {
            let error = write_file(refused, |out| out.write_all(b"x")).unwrap_err();
            assert!(error.to_string().contains("--output writes"), "{error}");
        }
        assert_eq!(std::fs::read_to_string(&private).unwrap(), "new");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

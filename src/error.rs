//! The one error type of the claimtrace library.
//!
//! Every error carries the context a user needs to act on it: the file, and
//! where it makes sense the byte offset or line within it. Its `Display` is a
//! single line, which the command-line tool prints after `error: ` before
//! exiting with status 2.

use std::path::PathBuf;

/// Everything that can go wrong while reading input or rules.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read at all.
    #[error("{}: {source}", shown(path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The file is not valid UTF-8; `offset` is the first bad byte.
    #[error("{}: invalid UTF-8 at byte {offset}", shown(path))]
    InvalidUtf8 { path: PathBuf, offset: usize },

    /// The file holds a NUL byte, so it is binary and not read as text.
    #[error("{}: binary file (NUL byte at byte {offset})", shown(path))]
    Binary { path: PathBuf, offset: usize },

    /// The file is larger than the limit a run reads.
    #[error(
        "{}: larger than the limit of {limit} bytes (raise it with --max-file-size or `max-file-size` in claimtrace.toml)",
        shown(path)
    )]
    TooLarge { path: PathBuf, limit: u64 },

    /// The path cannot be read as a text file: UTF-16 or UTF-32 text, a
    /// FIFO, a device, a symbolic link leading out of the repository.
    #[error("{}: {reason}", shown(path))]
    Refused { path: PathBuf, reason: String },

    /// A draft's declared source is refused (malformed front matter, a
    /// path outside the repository, not a regular file); `line` is 1-based.
    #[error("{}:{line}: {message}", shown(path))]
    Declared {
        path: PathBuf,
        line: usize,
        message: String,
    },

    /// The run was asked for nothing it can do (no drafts to check).
    #[error("{message}")]
    Usage { message: String },

    /// An archive index cannot be used: damaged, built by another version
    /// of claimtrace or with other rules, or not an index at all (see
    /// [`crate::archive`]). Never answered with a guess.
    #[error("{}: {message}", shown(path))]
    Archive { path: PathBuf, message: String },

    /// A rule file is malformed; `line` is 1-based.
    #[error("{}:{line}: {message}", shown(path))]
    Rule {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

impl Error {
    /// Whether the error says the file is not one to read as text (binary,
    /// another encoding, too large, not a regular file, out of bounds),
    /// rather than that reading it failed: such a file met in a folder
    /// walk is skipped with a warning, while one named is an error.
    pub fn is_unreadable_as_text(&self) -> bool {
        matches!(
            self,
            Error::Binary { .. } | Error::TooLarge { .. } | Error::Refused { .. }
        )
    }

    /// The file the error is about, if it is about one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Io { path, .. }
            | Error::InvalidUtf8 { path, .. }
            | Error::Binary { path, .. }
            | Error::TooLarge { path, .. }
            | Error::Refused { path, .. }
            | Error::Declared { path, .. }
            | Error::Archive { path, .. }
            | Error::Rule { path, .. } => Some(path),
            Error::Usage { .. } => None,
        }
    }
}

/// A path in a message, whole (see [`crate::report::text::path`]).
fn shown(path: &std::path::Path) -> std::borrow::Cow<'_, str> {
    crate::report::text::path(path)
}

/// The result type of the claimtrace library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

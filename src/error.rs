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
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The file is not valid UTF-8; `offset` is the first bad byte.
    #[error("{path}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { path: PathBuf, offset: usize },

    /// The file holds a NUL byte, so it is binary and not read as text.
    #[error("{path}: binary file (NUL byte at byte {offset}), skipped")]
    Binary { path: PathBuf, offset: usize },

    /// A draft's declared source is refused (malformed front matter, a
    /// path outside the repository, not a regular file); `line` is 1-based.
    #[error("{path}:{line}: {message}")]
    Declared {
        path: PathBuf,
        line: usize,
        message: String,
    },

    /// A rule file is malformed; `line` is 1-based.
    #[error("{path}:{line}: {message}")]
    Rule {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// The result type of the claimtrace library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! What an archive index records about itself, in `claimtrace-index.json`
//! beside tantivy's files: the index format, the claimtrace and rules it
//! was built with, and the archive folder it indexes.
//!
//! An index is only as good as the words it was built from: another
//! version of claimtrace or other rules may key words differently, and
//! retrieval would then quietly miss passages. So an index whose record
//! differs from the running claimtrace in any of these is refused with a
//! one-line error naming it, never used.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The name of the record in an index folder.
pub const FILE_NAME: &str = "claimtrace-index.json";

/// The layout of the index (its fields and how passages are keyed): raised
/// whenever an index built before would be read wrongly.
pub const FORMAT: u32 = 4;

/// What an index records about how it was built.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The index layout, [`FORMAT`].
    pub format: u32,
    /// The claimtrace version that built it.
    pub claimtrace: String,
    /// The fingerprint of the rules it was built with
    /// ([`crate::rules::RuleSet::fingerprint`]).
    pub rules: String,
    /// The archive folder, canonical: every indexed path is relative to
    /// it.
    pub archive: PathBuf,
}

impl Manifest {
    /// The record of an index of `archive` (canonical) built now with
    /// rules of fingerprint `rules`.
    pub fn current(archive: PathBuf, rules: &str) -> Manifest {
        Manifest {
            format: FORMAT,
            claimtrace: env!("CARGO_PKG_VERSION").to_string(),
            rules: rules.to_string(),
            archive,
        }
    }

    /// Reads the record of the index in `folder`.
    pub fn read(folder: &Path) -> Result<Manifest> {
        let path = folder.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(refused(
                    folder,
                    format!(
                        "not a claimtrace index (no {FILE_NAME}); build one with `claimtrace index`"
                    ),
                ));
            }
            Err(error) => {
                return Err(refused(folder, format!("cannot read {FILE_NAME}: {error}")));
            }
        };
        serde_json::from_str(&text).map_err(|error| {
            refused(
                folder,
                format!("damaged index: {FILE_NAME} cannot be read ({error}); rebuild it with `claimtrace index`"),
            )
        })
    }

    /// Writes the record into `folder`, whole or not at all.
    pub fn write(&self, folder: &Path) -> Result<()> {
        let io = |source| Error::Io {
            path: folder.join(FILE_NAME),
            source,
        };
        let text = serde_json::to_string_pretty(self)
            .map_err(std::io::Error::other)
            .map_err(io)?;
        let mut file = tempfile::NamedTempFile::new_in(folder).map_err(io)?;
        std::io::Write::write_all(&mut file, text.as_bytes()).map_err(io)?;
        file.persist(folder.join(FILE_NAME))
            .map_err(|e| io(e.error))?;
        Ok(())
    }

    /// Refuses the index in `folder` unless it was built by this
    /// claimtrace, in this format, with rules of fingerprint `rules`.
    pub fn check_compatible(&self, folder: &Path, rules: &str) -> Result<()> {
        let this = env!("CARGO_PKG_VERSION");
        if self.format != FORMAT || self.claimtrace != this {
            return Err(refused(
                folder,
                format!(
                    "index built by claimtrace {} (index format {}), not by this claimtrace {this} (format {FORMAT}); rebuild it with `claimtrace index`",
                    self.claimtrace, self.format
                ),
            ));
        }
        if self.rules != rules {
            return Err(refused(
                folder,
                "index built with other rules than this run's (a rules folder added, removed or changed); rebuild it with `claimtrace index`, or run with the rules it was built with".to_string(),
            ));
        }
        Ok(())
    }
}

/// The error refusing the index in `folder`.
pub fn refused(folder: &Path, message: String) -> Error {
    Error::Archive {
        path: folder.to_path_buf(),
        message,
    }
}

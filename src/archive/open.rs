//! Opening an archive index for reading, or refusing it.
//!
//! An index is used only when it is whole and was built by this
//! claimtrace with this run's rules ([`super::manifest`]); anything else
//! is one error naming the folder, and the run stops with exit status 2.
//! tantivy checks each file's footer (its format version) as it opens it,
//! so a truncated file or one written by another version of tantivy is
//! refused here too. A panic inside the search library on a damaged file
//! is caught and refused the same way: no input makes claimtrace panic.
//!
//! An opened [`Archive`] holds one searcher: one commit of the index (see
//! [`super::write`]), which every lookup of a run reads, whatever an
//! `index update` commits meanwhile.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Index, IndexReader, ReloadPolicy, Searcher, TERMINATED, Term};

use super::manifest::{self, Manifest};
use super::schema::{Fields, GROUP};
use crate::error::{Error, Result};
use crate::rules::RuleSet;

/// An archive index, open on one commit.
pub struct Archive {
    /// The index folder, as named.
    pub folder: PathBuf,
    pub manifest: Manifest,
    pub index: Index,
    pub fields: Fields,
    /// Kept so that the searcher's segments stay open.
    _reader: IndexReader,
    searcher: Searcher,
    /// How many group records the commit holds (deleted ones too, as
    /// tantivy counts a term's documents): what retrieval ranks among.
    pub groups: u64,
}

/// Opens the index in `folder` for a run with `rules`.
pub fn open(folder: &Path, rules: &RuleSet) -> Result<Archive> {
    let manifest = Manifest::read(folder)?;
    manifest.check_compatible(folder, rules.fingerprint())?;
    let damaged = |what: String| {
        manifest::refused(
            folder,
            format!("damaged index ({what}); rebuild it with `claimtrace index`"),
        )
    };
    let opened = catch_unwind(AssertUnwindSafe(|| -> tantivy::Result<_> {
        let index = Index::open_in_dir(folder)?;
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        Ok((index, reader, searcher))
    }));
    let (index, reader, searcher) = match opened {
        Ok(Ok(opened)) => opened,
        Ok(Err(error)) => return Err(damaged(error.to_string())),
        Err(_) => return Err(damaged("the search library failed reading it".to_string())),
    };
    let Some(fields) = Fields::of(&index.schema()) else {
        return Err(damaged(
            "its fields are not those of a claimtrace index".to_string(),
        ));
    };
    let group = Term::from_field_text(fields.record, GROUP);
    let groups = match catch_unwind(AssertUnwindSafe(|| searcher.doc_freq(&group))) {
        Ok(Ok(groups)) => groups,
        Ok(Err(error)) => return Err(damaged(error.to_string())),
        Err(_) => return Err(damaged("the search library failed reading it".to_string())),
    };
    Ok(Archive {
        groups,
        folder: folder.to_path_buf(),
        manifest,
        index,
        fields,
        _reader: reader,
        searcher,
    })
}

impl Archive {
    /// The commit this archive reads.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The first `max` live records holding `term`, in the order of the
    /// index: a postings list read from its start, no ranking.
    pub fn holding(&self, term: &Term, max: usize) -> Result<Vec<DocAddress>> {
        self.guarded(|| {
            let mut found = Vec::new();
            for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
                if found.len() >= max {
                    break;
                }
                let inverted = segment.inverted_index(term.field())?;
                let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::Basic)?
                else {
                    continue;
                };
                let alive = segment.alive_bitset();
                let ord = u32::try_from(ord).unwrap_or(u32::MAX);
                let mut doc = postings.doc();
                while doc != TERMINATED && found.len() < max {
                    if alive.is_none_or(|alive| alive.is_alive(doc)) {
                        found.push(DocAddress::new(ord, doc));
                    }
                    doc = postings.advance();
                }
            }
            Ok(found)
        })
    }

    /// What `read` reads of the index, its error or a panic inside the
    /// search library (on a damaged file) said as a damaged index.
    pub fn guarded<T>(&self, read: impl FnOnce() -> tantivy::Result<T>) -> Result<T> {
        match catch_unwind(AssertUnwindSafe(read)) {
            Ok(Ok(read)) => Ok(read),
            Ok(Err(error)) => Err(self.damaged(error)),
            Err(_) => Err(self.damaged("the search library failed reading it")),
        }
    }

    /// The error saying the index is damaged: `what` went wrong reading
    /// it.
    pub fn damaged(&self, what: impl std::fmt::Display) -> Error {
        manifest::refused(
            &self.folder,
            format!("damaged index ({what}); rebuild it with `claimtrace index`"),
        )
    }

    /// The archive file at `path` (relative to the archive), as the user
    /// would write it: relative to the current folder when inside it.
    pub fn shown_path(&self, path: &str) -> PathBuf {
        crate::document::relative_to_current(&self.manifest.archive.join(path))
    }
}

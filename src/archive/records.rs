//! One archive file as the records of the index: a file record with its
//! digest and state, a passage record for each of its sentences, and a
//! group record for each sentence the index does not hold yet (see
//! [`super::schema`]).
//!
//! A file is read as `--source` reads one (text or Markdown by its
//! extension, refused when binary or too large) and its claims found with
//! the same rule engine, so the passages the index knows are the sentences
//! a check will align, claim for claim.

use tantivy::TantivyDocument;

use super::keys::{self, Keys};
use super::schema::{FILE, Fields, GROUP, PASSAGE};
use super::state::{self, Stat, State};
use crate::access::Admitted;
use crate::check::lexicon::Stems;
use crate::document::{Document, Reading};
use crate::error::Result;
use crate::rules::RuleSet;

/// What the index holds of one file.
#[derive(Debug)]
pub struct FileRecords {
    /// Relative to the archive, `/`-separated.
    pub path: String,
    /// Its digest, and its stat when it was read (see [`super::state`]).
    pub state: State,
    pub passages: Vec<Passage>,
}

/// One sentence of a file, keyed.
#[derive(Debug)]
pub struct Passage {
    /// Its claim's number in the file (`c1` is 0).
    pub claim: usize,
    pub start: usize,
    pub end: usize,
    pub keys: Keys,
}

/// What the rules key passages with, made once for a whole archive.
pub struct Keying<'r> {
    pub rules: &'r RuleSet,
    pub stems: Stems,
    pub reading: Reading,
}

impl<'r> Keying<'r> {
    pub fn new(rules: &'r RuleSet, reading: Reading) -> Keying<'r> {
        Keying {
            rules,
            stems: Stems::new(rules.check()),
            reading,
        }
    }

    /// Reads the file at `shown` (admitted as `admitted`), indexed as
    /// `path`, into its records. Its stat is taken before it is read, so
    /// that a write while it is read shows at the next update.
    pub fn read(
        &self,
        shown: &std::path::Path,
        admitted: &Admitted,
        path: String,
    ) -> Result<FileRecords> {
        let stat = state::stat(&admitted.real);
        let document = Document::read_admitted(shown, admitted, self.reading)?;
        Ok(self.records(&document, path, stat))
    }

    /// The records of `document`, indexed as `path`, whose file had the
    /// stat `stat` before it was read.
    pub fn records(&self, document: &Document, path: String, stat: Option<Stat>) -> FileRecords {
        let claims = crate::claims::read(document, self.rules);
        let passages = claims
            .claims
            .iter()
            .enumerate()
            .filter_map(|(claim, c)| {
                let keys = Keys::of(document, c, &self.stems, self.rules.lexicon());
                (!keys.is_empty()).then_some(Passage {
                    claim,
                    start: c.span.start,
                    end: c.span.end,
                    keys,
                })
            })
            .collect();
        FileRecords {
            path,
            state: State {
                stat,
                digest: super::digest::raw(&document.text),
            },
            passages,
        }
    }
}

impl FileRecords {
    /// The tantivy document of the file's record.
    pub fn file_document(&self, fields: &Fields) -> TantivyDocument {
        let mut file = TantivyDocument::new();
        file.add_text(fields.record, FILE);
        file.add_text(fields.path, &self.path);
        file.add_text(fields.file, &self.path);
        file.add_text(fields.digest, super::digest::hex(&self.state.digest));
        file.add_bytes(fields.stat, &state::encode(&self.path, &self.state));
        file
    }

    /// The tantivy documents of the file: its record, then its passages,
    /// each followed by its group's record where `starts_group` says the
    /// index has none yet (it is called once per passage, with the
    /// passage's [`keys::copy_hash`]).
    pub fn documents(
        &self,
        fields: &Fields,
        mut starts_group: impl FnMut(u64) -> bool,
    ) -> Vec<TantivyDocument> {
        let mut documents = Vec::with_capacity(self.passages.len() + 1);
        documents.push(self.file_document(fields));
        for passage in &self.passages {
            let hash = keys::copy_hash(&passage.keys);
            let mut document = TantivyDocument::new();
            document.add_text(fields.record, PASSAGE);
            document.add_text(fields.path, &self.path);
            document.add_u64(fields.claim, passage.claim as u64);
            document.add_u64(fields.start, passage.start as u64);
            document.add_u64(fields.end, passage.end as u64);
            document.add_u64(fields.copy, hash);
            documents.push(document);
            if starts_group(hash) {
                let mut group = TantivyDocument::new();
                group.add_text(fields.record, GROUP);
                group.add_text(fields.terms, passage.keys.terms());
                group.add_bytes(fields.keys, &keys::to_bytes(&passage.keys.covered()));
                group.add_u64(fields.group, hash);
                documents.push(group);
            }
        }
        documents
    }

    /// The groups of the file's passages.
    pub fn groups(&self) -> impl Iterator<Item = u64> + '_ {
        self.passages.iter().map(|p| keys::copy_hash(&p.keys))
    }
}

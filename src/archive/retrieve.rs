//! Ranked retrieval: the archive passages that may retell a claim.
//!
//! A claim's keys ([`super::keys`]) become one query, each term a
//! `should` clause, ranked by BM25: a passage sharing the claim's rare
//! words, names and figures ranks first, one sharing only common words
//! last. Only the best few are returned ([`LIMIT`]), so what a claim
//! costs does not grow with the archive (tantivy skips blocks of postings
//! that cannot enter the top few).
//!
//! An archive holds the same passage many times (a story filed again with
//! a new dateline, a wire story in several papers): copies score alike and
//! would crowd the few places out. So more passages are read
//! ([`FETCH`]), and [`LIMIT`] counts *distinct* passages: the copies of
//! a kept passage among those read are kept too (a copy's file is as
//! much a source as the first's), without taking a place.

use std::panic::{AssertUnwindSafe, catch_unwind};

use tantivy::collector::TopDocs;
use tantivy::query::BooleanQuery;
use tantivy::schema::Value;
use tantivy::{TantivyDocument, Term};

use super::keys::{self, Keys};
use super::open::Archive;
use crate::error::Result;
use crate::span::Span;

/// How many passages a claim retrieves: enough for the source that
/// retells it to be among them, few enough that a claim's cost stays
/// small whatever the archive holds.
pub const LIMIT: usize = 10;

/// How many passages are read to find [`LIMIT`] that are not copies of
/// one another.
pub const FETCH: usize = 40;

/// An archive passage retrieved for a claim.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The file, relative to the archive.
    pub path: String,
    /// The passage's claim number in the file.
    pub claim: usize,
    pub span: Span,
    /// Its BM25 score for the claim's keys.
    pub score: f32,
    /// Its content and figure keys ([`Keys::covered`]).
    pub keys: Vec<u64>,
}

impl Archive {
    /// The passages that best match `keys`, best first, at most `limit`,
    /// none a copy of another (the same keys).
    pub fn retrieve(&self, keys: &Keys, limit: usize) -> Result<Vec<Candidate>> {
        let terms: Vec<Term> = keys
            .term_list()
            .iter()
            .map(|term| Term::from_field_text(self.fields.terms, term))
            .collect();
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new_multiterms_query(terms);
        let searcher = self.searcher();
        let found = catch_unwind(AssertUnwindSafe(|| {
            searcher.search(
                &query,
                &TopDocs::with_limit(limit.max(FETCH)).order_by_score(),
            )
        }));
        let hits = match found {
            Ok(Ok(hits)) => hits,
            Ok(Err(error)) => return Err(self.damaged(error)),
            Err(_) => return Err(self.damaged("the search library failed reading it")),
        };
        let fields = self.fields;
        let mut candidates: Vec<Candidate> = Vec::with_capacity(limit);
        let mut distinct = 0;
        for (score, address) in hits {
            let document: TantivyDocument = searcher.doc(address).map_err(|e| self.damaged(e))?;
            let number = |field| document.get_first(field).and_then(|v| v.as_u64());
            let path = document.get_first(fields.path).and_then(|v| v.as_str());
            let stored = document
                .get_first(fields.keys)
                .and_then(|v| v.as_bytes())
                .and_then(keys::from_bytes);
            let (Some(path), Some(claim), Some(start), Some(end), Some(keys)) = (
                path,
                number(fields.claim),
                number(fields.start),
                number(fields.end),
                stored,
            ) else {
                return Err(self.damaged("a passage without its path, place or keys"));
            };
            let (Ok(claim), Ok(start), Ok(end)) = (
                usize::try_from(claim),
                usize::try_from(start),
                usize::try_from(end),
            ) else {
                return Err(self.damaged("a passage out of place"));
            };
            let copy = candidates.iter().any(|kept| kept.keys == keys);
            if !copy {
                if distinct == limit {
                    continue;
                }
                distinct += 1;
            }
            candidates.push(Candidate {
                path: path.to_string(),
                claim,
                span: Span::new(start, end.max(start)),
                score,
                keys,
            });
        }
        Ok(candidates)
    }

    /// The digest the index holds for the file at `path` (relative to the
    /// archive), if it holds the file.
    pub fn digest_of(&self, path: &str) -> Result<Option<String>> {
        let fields = self.fields;
        let query = BooleanQuery::intersection(vec![
            Box::new(tantivy::query::TermQuery::new(
                Term::from_field_text(fields.record, super::schema::FILE),
                tantivy::schema::IndexRecordOption::Basic,
            )),
            Box::new(tantivy::query::TermQuery::new(
                Term::from_field_text(fields.path, path),
                tantivy::schema::IndexRecordOption::Basic,
            )),
        ]);
        let searcher = self.searcher();
        let hits = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| self.damaged(e))?;
        let Some((_, address)) = hits.first() else {
            return Ok(None);
        };
        let document: TantivyDocument = searcher.doc(*address).map_err(|e| self.damaged(e))?;
        Ok(document
            .get_first(fields.digest)
            .and_then(|v| v.as_str())
            .map(str::to_string))
    }
}

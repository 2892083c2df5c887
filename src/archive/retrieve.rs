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
//! would crowd the few places out. So [`LIMIT`] counts *distinct*
//! passages, told apart by a hash of their keys kept in a fast field
//! (`copy`): more passages are ranked ([`FETCH`], then [`MAX_FETCH`] when
//! fewer than [`LIMIT`] distinct ones are among the first), so that a
//! story filed a hundred times cannot hide the
//! one source that retells the claim less well. The copies of a kept
//! passage among those ranked are kept too (a copy's file is as much a
//! source as the first's), without taking a place, up to [`COPIES_KEPT`]
//! of each: what [`super::select`] can use. Only the passages kept have
//! their stored record read.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rustc_hash::FxHashSet;
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::BooleanQuery;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument, Term};

use super::keys::{self, Keys};
use super::open::Archive;
use super::schema::COPY;
use crate::error::Result;
use crate::span::Span;

/// How many passages a claim retrieves: enough for the source that
/// retells it to be among them, few enough that a claim's cost stays
/// small whatever the archive holds.
pub const LIMIT: usize = 10;

/// How many passages are ranked first to find [`LIMIT`] that are not
/// copies of one another.
pub const FETCH: usize = 40;

/// How many passages are ranked when the first [`FETCH`] hold fewer than
/// [`LIMIT`] distinct ones: room for ten distinct passages filed some 250
/// times each. Ranked at once rather than step by step, since the ranking
/// of the most passages costs the most.
pub const MAX_FETCH: usize = FETCH * 64;

/// How many passages with the same keys are kept: one and as many copies
/// as may join a source ([`super::select::MAX_COPIES`]).
pub const COPIES_KEPT: usize = super::select::MAX_COPIES + 1;

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
        let mut columns: Vec<Option<Column<u64>>> = vec![None; searcher.segment_readers().len()];
        let mut fetch = limit.max(FETCH);
        let (hits, copies) = loop {
            let found = catch_unwind(AssertUnwindSafe(|| {
                searcher.search(&query, &TopDocs::with_limit(fetch).order_by_score())
            }));
            let hits = match found {
                Ok(Ok(hits)) => hits,
                Ok(Err(error)) => return Err(self.damaged(error)),
                Err(_) => return Err(self.damaged("the search library failed reading it")),
            };
            let copies = hits
                .iter()
                .map(|(_, address)| self.copy_of(*address, &mut columns))
                .collect::<Result<Vec<u64>>>()?;
            let distinct = copies.iter().collect::<FxHashSet<_>>().len();
            if distinct >= limit || hits.len() < fetch || fetch >= MAX_FETCH {
                break (hits, copies);
            }
            fetch = MAX_FETCH;
        };
        let fields = self.fields;
        let mut candidates: Vec<Candidate> = Vec::with_capacity(limit);
        // Each distinct passage kept, with how many of it.
        let mut kept: Vec<(u64, usize)> = Vec::with_capacity(limit);
        for ((score, address), copy) in hits.into_iter().zip(copies) {
            let full = kept.len() == limit;
            match kept.iter_mut().find(|(hash, _)| *hash == copy) {
                Some((_, count)) if *count == COPIES_KEPT => continue,
                Some((_, count)) => *count += 1,
                None if full => continue,
                None => kept.push((copy, 1)),
            }
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

    /// The copy hash of the passage at `address`, from its segment's
    /// `copy` column (opened once per segment, in `columns`).
    fn copy_of(&self, address: DocAddress, columns: &mut [Option<Column<u64>>]) -> Result<u64> {
        let slot = columns
            .get_mut(address.segment_ord as usize)
            .ok_or_else(|| self.damaged("a passage in no segment"))?;
        if slot.is_none() {
            let segment = self.searcher().segment_reader(address.segment_ord);
            *slot = Some(
                segment
                    .fast_fields()
                    .u64(COPY)
                    .map_err(|e| self.damaged(e))?,
            );
        }
        slot.as_ref()
            .and_then(|column| column.first(address.doc_id))
            .ok_or_else(|| self.damaged("a passage without its copy hash"))
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

#[cfg(test)]
mod tests {
    use rustc_hash::FxHashSet;

    use super::*;
    use crate::check::lexicon::Stems;
    use crate::document::{DEFAULT_MAX_FILE_SIZE, Document, Format, Reading};
    use crate::rules::RuleSet;

    /// An archive of `stories` (name and text), built in a scratch folder
    /// (kept alive by the returned guard).
    fn archive_of(stories: &[(String, String)]) -> (tempfile::TempDir, Archive) {
        let top = tempfile::tempdir().expect("a folder");
        let root = top.path().canonicalize().expect("canonical");
        let folder = root.join("stories");
        std::fs::create_dir(&folder).expect("stories");
        for (name, text) in stories {
            std::fs::write(folder.join(name), text).expect("a story");
        }
        let rules = RuleSet::builtin();
        let reading = Reading {
            format: None,
            max_bytes: DEFAULT_MAX_FILE_SIZE,
        };
        let index = root.join("idx");
        crate::archive::build(&index, &folder, &rules, reading, &root).expect("built");
        let archive = crate::archive::open(&index, &rules).expect("opened");
        (top, archive)
    }

    /// The retrieval keys of the one-sentence draft `sentence`.
    fn keys_of(sentence: &str) -> Keys {
        let rules = RuleSet::builtin();
        let draft = Document::from_text("draft.txt".into(), sentence.to_string(), Format::Plain);
        let claims = crate::claims::read(&draft, &rules);
        Keys::of(
            &draft,
            &claims.claims[0],
            &Stems::new(rules.check()),
            rules.lexicon(),
        )
    }

    /// A story filed more times than [`FETCH`] passages, each copy ranking
    /// above every other passage, still leaves room for the others: the
    /// places count distinct passages, and of the copies at most
    /// [`COPIES_KEPT`] are kept.
    #[test]
    fn copies_of_one_passage_do_not_crowd_out_the_others() {
        let sentence = "The harbour board approved a new ferry to the islands for June.";
        let mut stories: Vec<(String, String)> = (0..60)
            .map(|n| (format!("copy-{n:02}.txt"), sentence.to_string()))
            .collect();
        for (name, text) in [
            ("other-a.txt", "The harbour board met on Monday."),
            ("other-b.txt", "A new ferry was ordered by the council."),
            ("other-c.txt", "The islands want a ferry service."),
        ] {
            stories.push((name.to_string(), text.to_string()));
        }
        let (_top, archive) = archive_of(&stories);
        let found = archive
            .retrieve(&keys_of(sentence), LIMIT)
            .expect("retrieved");
        let distinct: FxHashSet<&Vec<u64>> = found.iter().map(|c| &c.keys).collect();
        assert_eq!(distinct.len(), 4, "{found:#?}");
        let copies = found.iter().filter(|c| c.path.starts_with("copy-")).count();
        assert_eq!(copies, COPIES_KEPT);
    }

    /// A claim's quotation looked up by its own words finds the passage
    /// that holds it word for word first, however many stories hold the
    /// claim's other words (see `select::sources_of`: in an archive of
    /// 100,000 stories the whole claim's best passages left it out).
    #[test]
    fn a_quotation_is_found_by_its_own_words() {
        let places = [
            "lantern", "orchard", "quarry", "meadow", "timber", "cobalt", "saffron", "chapel",
            "viaduct", "foundry", "brewery", "tannery", "granary", "wharf", "canal", "forge",
        ];
        let mut stories: Vec<(String, String)> = places
            .iter()
            .enumerate()
            .map(|(n, place)| {
                (
                    format!("other-{n:02}.txt"),
                    format!(
                        "Former mayor Ines Duarte called Governor Tomas Reyes wrong about the \
                         harbour town budget and the {place} in week {n}."
                    ),
                )
            })
            .collect();
        stories.push((
            "quoted.txt".to_string(),
            "Duarte said the plan was \u{201c}wholly misinformed\u{201d} and the port \
             the \u{201c}earliest casualty\u{201d}."
                .to_string(),
        ));
        let (_top, archive) = archive_of(&stories);
        let keys = keys_of(
            "Former mayor Ines Duarte called Governor Tomas Reyes \u{201c}wholly \
             misinformed\u{201d} and said the harbour town budget would be \
             \u{201c}the earliest casualty\u{201d}.",
        );
        let quoted = keys
            .quotations(crate::archive::select::MIN_QUOTED_KEYS)
            .expect("four quoted words");
        let found: Vec<String> = archive
            .retrieve(&quoted, LIMIT)
            .expect("retrieved")
            .into_iter()
            .map(|c| c.path)
            .collect();
        assert_eq!(
            found.first().map(String::as_str),
            Some("quoted.txt"),
            "{found:?}"
        );
    }
}

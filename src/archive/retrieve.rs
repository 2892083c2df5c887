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
//! a new dateline, a wire story in several papers). The index ranks each
//! distinct passage once, as a *group* ([`super::schema`]): copies can
//! neither crowd the few places out, hiding the one source that retells
//! the claim less well, nor make the ranking walk postings a thousand
//! times longer. The passages of each group ranked are then read from
//! the start of the group's own short postings list, up to
//! [`COPIES_KEPT`] of them (a copy's file is as much a source as the
//! first's): what [`super::select`] can use. Only those passages have
//! their stored record read.

use tantivy::collector::TopDocs;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::keys::{self, Keys};
use super::open::Archive;
use crate::error::Result;
use crate::span::Span;

/// How many distinct passages a claim retrieves: enough for the source
/// that retells it to be among them, few enough that a claim's cost stays
/// small whatever the archive holds.
pub const LIMIT: usize = 10;

/// How many passages of one group are kept: one and as many copies as may
/// join a source ([`super::select::MAX_COPIES`]).
pub const COPIES_KEPT: usize = super::select::MAX_COPIES + 1;

/// An archive passage retrieved for a claim.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The file, relative to the archive.
    pub path: String,
    /// The passage's claim number in the file.
    pub claim: usize,
    pub span: Span,
    /// Its group's BM25 score for the claim's keys.
    pub score: f32,
    /// Its content and figure keys ([`Keys::covered`]).
    pub keys: Vec<u64>,
}

/// BM25's statistics among the group records alone. tantivy's own count
/// every record of the index, file and passage records too, which have
/// no terms: the average group would seem a tenth of its length, and a
/// group of one or two keys would outrank the passage that retells the
/// claim.
struct GroupStatistics<'s> {
    searcher: &'s Searcher,
    groups: u64,
}

impl Bm25StatisticsProvider for GroupStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_tokens(self.searcher, field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.groups)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}

impl Archive {
    /// The passages that best match `keys`, best first: the best `limit`
    /// groups, each with up to [`COPIES_KEPT`] of its passages, in the
    /// order of the index.
    pub fn retrieve(&self, keys: &Keys, limit: usize) -> Result<Vec<Candidate>> {
        let terms: Vec<Term> = keys
            .term_list()
            .iter()
            .map(|term| Term::from_field_text(self.fields.terms, term))
            .collect();
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new_multiterms_query(terms);
        let searcher = self.searcher();
        let statistics = GroupStatistics {
            searcher,
            groups: self.groups,
        };
        let groups = self.guarded(|| {
            searcher.search_with_statistics_provider(
                &query,
                &TopDocs::with_limit(limit).order_by_score(),
                &statistics,
            )
        })?;
        let fields = self.fields;
        let mut candidates: Vec<Candidate> = Vec::with_capacity(groups.len());
        for (score, address) in groups {
            let group: TantivyDocument = searcher.doc(address).map_err(|e| self.damaged(e))?;
            let hash = group.get_first(fields.group).and_then(|v| v.as_u64());
            let stored = group
                .get_first(fields.keys)
                .and_then(|v| v.as_bytes())
                .and_then(keys::from_bytes);
            let (Some(hash), Some(keys)) = (hash, stored) else {
                return Err(self.damaged("a passage group without its hash or keys"));
            };
            let passages = self.holding(&Term::from_field_u64(fields.copy, hash), COPIES_KEPT)?;
            for address in passages {
                let (path, claim, span) = self.passage(address)?;
                candidates.push(Candidate {
                    path,
                    claim,
                    span,
                    score,
                    keys: keys.clone(),
                });
            }
        }
        Ok(candidates)
    }

    /// The path, claim number and span of the passage record at `address`.
    pub fn passage(&self, address: DocAddress) -> Result<(String, usize, Span)> {
        let fields = self.fields;
        let document: TantivyDocument =
            self.searcher().doc(address).map_err(|e| self.damaged(e))?;
        let number = |field| {
            document
                .get_first(field)
                .and_then(|v| v.as_u64())
                .and_then(|n| usize::try_from(n).ok())
        };
        let path = document.get_first(fields.path).and_then(|v| v.as_str());
        let (Some(path), Some(claim), Some(start), Some(end)) = (
            path,
            number(fields.claim),
            number(fields.start),
            number(fields.end),
        ) else {
            return Err(self.damaged("a passage without its path or place"));
        };
        Ok((path.to_string(), claim, Span::new(start, end.max(start))))
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

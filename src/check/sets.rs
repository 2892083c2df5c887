//! Sources read once, and the index of each set of them that a draft is
//! checked against, built on first use and kept.
//!
//! Drafts name different sources (front matter, footnotes), so a run may
//! need many indexes over one pool of sources. Each source is read with the
//! rule engine and its words keyed once ([`read_source`]); each distinct
//! set is indexed once, however many drafts share it, and different sets
//! are built in parallel. A front end that checks one draft again and
//! again (an editor's buffer) keeps a `SourceSets` between checks.

use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::declared_speaker;
use super::index::{Source, SourceIndex};
use super::lexicon::Stems;
use super::normalize::Strictness;
use super::{DocumentAudit, DraftCitations, Options, check_draft, index, tracer};
use crate::citations::Citation;
use crate::claims;
use crate::document::Document;
use crate::rules::RuleSet;

/// A source read with the rule engine and its words keyed, ready to be
/// indexed (in any number of sets, sharing the keyed words).
pub fn read_source<'d>(
    document: &'d Document,
    rules: &RuleSet,
    strictness: Strictness,
) -> Source<'d> {
    let mut claims = claims::read(document, rules);
    // A transcript or a statement is its declared speaker's words.
    let declared_speaker = declared_speaker::of(document, rules.attribution());
    if let Some(speaker) = &declared_speaker {
        declared_speaker::apply(&mut claims, speaker);
    }
    Source {
        document,
        tokens: Arc::new(index::SourceTokens::new(claims.claims.len())),
        words: Arc::new(index::SourceWords::new(claims.claims.len(), strictness)),
        claims: Arc::new(claims),
        declared_speaker: declared_speaker.map(Arc::from),
    }
}

/// A pool of sources, read, and the indexes of its sets.
pub struct SourceSets<'d> {
    lexicon: Arc<Stems>,
    /// The rules' word classes, for the indexes.
    classes: Arc<crate::rules::Lexicon>,
    read: Vec<Source<'d>>,
    /// The display path of every source.
    paths: Vec<String>,
    sets: Mutex<FxHashMap<Vec<usize>, Arc<OnceLock<SourceIndex<'d>>>>>,
}

impl<'d> SourceSets<'d> {
    /// Reads every one of `sources` (in parallel).
    pub fn new(sources: &'d [Document], rules: &RuleSet, options: &Options) -> SourceSets<'d> {
        let lexicon = Arc::new(Stems::new(rules.check()));
        let strictness = options.strictness();
        let read = sources
            .par_iter()
            .map(|document| read_source(document, rules, strictness))
            .collect();
        SourceSets {
            lexicon,
            classes: Arc::clone(rules.lexicon()),
            read,
            paths: sources.iter().map(Document::display_path).collect(),
            sets: Mutex::new(FxHashMap::default()),
        }
    }

    /// Checks `draft` against the sources `set` (sorted indexes), with its
    /// footnote `citations`.
    pub fn check(
        &self,
        draft: &Document,
        set: &[usize],
        citations: &[Citation],
        rules: &RuleSet,
        options: &Options,
    ) -> DocumentAudit {
        let cell = self.cell(set);
        let index = cell.get_or_init(|| self.build(set));
        let paths: Vec<String> = set.iter().map(|&i| self.paths[i].clone()).collect();
        let cited = DraftCitations {
            citations,
            paths: &self.paths,
        };
        let tracer = tracer(index, &self.lexicon, rules, draft);
        check_draft(draft, tracer, &paths, cited, rules, options)
    }

    /// Builds the index of the sources `set` now, if no draft needed it
    /// before.
    pub fn prepare(&self, set: &[usize]) {
        self.cell(set).get_or_init(|| self.build(set));
    }

    /// Where the index of `set` is kept. Two threads asking for one set
    /// build it once; different sets are built in parallel, outside the
    /// lock.
    fn cell(&self, set: &[usize]) -> Arc<OnceLock<SourceIndex<'d>>> {
        // A panic elsewhere cannot leave the map half-written: take it as
        // it is.
        let mut sets = self.sets.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(sets.entry(set.to_vec()).or_default())
    }

    fn build(&self, set: &[usize]) -> SourceIndex<'d> {
        let members = set.iter().map(|&i| self.read[i].clone()).collect();
        SourceIndex::new(
            members,
            Arc::clone(&self.lexicon),
            Arc::clone(&self.classes),
        )
    }
}

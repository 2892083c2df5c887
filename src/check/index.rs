//! The index of the sources a draft is checked against.
//!
//! Every source sentence and every source quotation becomes a *unit*: its
//! normalised words and the speaker whose words they are. Units are found
//! through two inverted indexes, never by comparing a draft sentence with
//! every source sentence:
//!
//! * word trigrams, for quotations of three words or more: the units that
//!   share the most trigrams with a draft quotation are its candidates;
//! * single words, for short quotations and for finding the source sentence
//!   a draft sentence retells. A word found in more than
//!   [`MAX_POSTINGS`] places says nothing about where a sentence comes from
//!   and is skipped, so the work per draft sentence stays bounded however
//!   large the sources grow.

use rustc_hash::FxHashMap;

use super::normalize::{self, Strictness, Word};
use crate::claims::figures::{FigureKind, FigureValue};
use crate::claims::{Claims, Figure};
use crate::document::Document;
use crate::span::Span;

/// Postings beyond which a single word is too common to vote.
pub const MAX_POSTINGS: usize = 2_000;

/// Words that say nothing about which sentence another retells.
const STOPWORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "and", "or", "for", "on", "with", "at", "by", "from",
    "that", "this", "these", "those", "is", "was", "are", "were", "be", "been", "will", "would",
    "as", "it", "its", "has", "have", "had", "said", "says", "say", "he", "she", "they", "we", "i",
    "his", "her", "their", "our", "not", "but", "also", "which", "who", "such", "there", "than",
    "into", "about", "after", "before", "all", "any", "more", "most", "other", "some", "can",
    "could", "may", "might", "should", "must", "do", "does", "did", "so", "if", "when", "while",
    "out", "up", "over", "under", "between", "both", "each",
];

/// Whether a normalised word carries content.
pub fn is_content(word: &str) -> bool {
    word.chars().count() >= 3 && !STOPWORDS.contains(&word)
}

/// Who said a unit's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voice {
    /// Canonical name; `None` for the article's own voice.
    pub name: Option<String>,
    pub role: Option<String>,
}

/// A source sentence or quotation.
#[derive(Debug)]
pub struct Unit {
    pub source: usize,
    /// Index of the claim (sentence) in its source.
    pub claim: usize,
    pub is_quote: bool,
    /// The words of a quotation (marks excluded), or of a sentence.
    pub span: Span,
    pub words: Vec<Word>,
    pub voice: Voice,
}

/// A source, read and claimed.
pub struct Source<'d> {
    pub document: &'d Document,
    pub claims: Claims<'d>,
}

/// Where a word stands: unit and position.
#[derive(Clone, Copy, Debug)]
pub struct Posting {
    pub unit: u32,
    pub position: u32,
}

/// All sources, indexed.
pub struct SourceIndex<'d> {
    pub sources: Vec<Source<'d>>,
    pub units: Vec<Unit>,
    trigrams: FxHashMap<[u64; 3], Vec<Posting>>,
    words: FxHashMap<u64, Vec<Posting>>,
    /// For each source, for each claim: the index of its sentence unit.
    sentence_units: Vec<Vec<usize>>,
    /// Figures by kind and normalised value: (sentence unit, figure index
    /// in its claim).
    figure_values: FxHashMap<(FigureKind, String), Vec<(usize, usize)>>,
}

/// The key a figure is indexed under: its kind and its value, written so
/// that equal values (up to rounding) give equal keys.
fn figure_key(figure: &Figure) -> (FigureKind, String) {
    let value = match &figure.value {
        FigureValue::Number(n) => format!("{n:.9e}"),
        FigureValue::Date(date) => date.clone(),
        // The same comparison `figures::same_figure` makes.
        FigureValue::Unknown => super::figures::bare(&figure.text),
    };
    (figure.kind, value)
}

/// A stable hash of a normalised word.
pub fn word_hash(word: &str) -> u64 {
    // FNV-1a: deterministic across runs and platforms, and fast on the
    // short strings words are.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in word.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

impl<'d> SourceIndex<'d> {
    pub fn new(sources: Vec<Source<'d>>, strictness: Strictness) -> SourceIndex<'d> {
        let mut index = SourceIndex {
            units: Vec::new(),
            trigrams: FxHashMap::default(),
            words: FxHashMap::default(),
            sentence_units: Vec::new(),
            figure_values: FxHashMap::default(),
            sources: Vec::new(),
        };
        for (source_id, source) in sources.iter().enumerate() {
            let roles = roles_of(&source.claims);
            let mut sentence_units = Vec::with_capacity(source.claims.claims.len());
            for (claim_id, claim) in source.claims.claims.iter().enumerate() {
                let voice = Voice {
                    name: claim.speaker.as_ref().map(|s| s.name.clone()),
                    role: claim.speaker.as_ref().and_then(|s| s.role.clone()),
                };
                let sentence_unit = index.units.len();
                sentence_units.push(sentence_unit);
                for (i, figure) in claim.figures.iter().enumerate() {
                    index
                        .figure_values
                        .entry(figure_key(figure))
                        .or_default()
                        .push((sentence_unit, i));
                }
                index.add_unit(Unit {
                    source: source_id,
                    claim: claim_id,
                    is_quote: false,
                    span: claim.span,
                    words: normalize::words(claim.text, claim.span.start, strictness),
                    voice,
                });
                for quote in &claim.quotes {
                    let role = quote
                        .speaker
                        .as_ref()
                        .and_then(|name| roles.get(name.as_str()).cloned());
                    let text = source.document.slice(quote.span);
                    index.add_unit(Unit {
                        source: source_id,
                        claim: claim_id,
                        is_quote: true,
                        span: quote.span,
                        words: normalize::words(text, quote.span.start, strictness),
                        voice: Voice {
                            name: quote.speaker.clone(),
                            role,
                        },
                    });
                }
            }
            index.sentence_units.push(sentence_units);
        }
        index.sources = sources;
        index
    }

    fn add_unit(&mut self, unit: Unit) {
        let id = self.units.len() as u32;
        let hashes: Vec<u64> = unit.words.iter().map(|w| word_hash(&w.text)).collect();
        for (position, window) in hashes.windows(3).enumerate() {
            self.trigrams
                .entry([window[0], window[1], window[2]])
                .or_default()
                .push(Posting {
                    unit: id,
                    position: position as u32,
                });
        }
        for (position, (word, hash)) in unit.words.iter().zip(&hashes).enumerate() {
            if is_content(&word.text) {
                self.words.entry(*hash).or_default().push(Posting {
                    unit: id,
                    position: position as u32,
                });
            }
        }
        self.units.push(unit);
    }

    /// Units sharing word trigrams with `words`, most shared first, with
    /// the count.
    pub fn trigram_candidates(&self, words: &[Word], limit: usize) -> Vec<(usize, usize)> {
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(&w.text)).collect();
        let mut votes: FxHashMap<u32, usize> = FxHashMap::default();
        for window in hashes.windows(3) {
            if let Some(postings) = self.trigrams.get(&[window[0], window[1], window[2]])
                && postings.len() <= MAX_POSTINGS
            {
                let mut seen = rustc_hash::FxHashSet::default();
                for posting in postings {
                    if seen.insert(posting.unit) {
                        *votes.entry(posting.unit).or_default() += 1;
                    }
                }
            }
        }
        top(votes, limit)
    }

    /// Units sharing content words with `words`, most shared first, with
    /// the count of distinct shared words; only units of the wanted kind.
    pub fn word_candidates(
        &self,
        words: &[Word],
        quotes: bool,
        limit: usize,
    ) -> Vec<(usize, usize)> {
        let mut votes: FxHashMap<u32, usize> = FxHashMap::default();
        let mut seen_words = rustc_hash::FxHashSet::default();
        for word in words.iter().filter(|w| is_content(&w.text)) {
            let hash = word_hash(&word.text);
            if !seen_words.insert(hash) {
                continue;
            }
            let Some(postings) = self.words.get(&hash) else {
                continue;
            };
            if postings.len() > MAX_POSTINGS {
                continue;
            }
            let mut seen_units = rustc_hash::FxHashSet::default();
            for posting in postings {
                if self.units[posting.unit as usize].is_quote == quotes
                    && seen_units.insert(posting.unit)
                {
                    *votes.entry(posting.unit).or_default() += 1;
                }
            }
        }
        top(votes, limit)
    }

    /// The sentence unit of claim `claim` of source `source`.
    pub fn sentence_unit(&self, source: usize, claim: usize) -> usize {
        self.sentence_units[source][claim]
    }

    /// The figures of the claim a unit belongs to.
    pub fn figures_of(&self, unit: usize) -> &[Figure] {
        let unit = &self.units[unit];
        &self.sources[unit.source].claims.claims[unit.claim].figures
    }

    /// The source figures with the same kind and value as `figure`, with
    /// the sentence unit each stands in.
    pub fn figures_valued_as(
        &self,
        figure: &Figure,
    ) -> impl Iterator<Item = (usize, &Figure)> + '_ {
        self.figure_values
            .get(&figure_key(figure))
            .into_iter()
            .flatten()
            .map(|&(unit, i)| (unit, &self.figures_of(unit)[i]))
    }

    /// Every figure of source `source`, with the sentence unit it stands in.
    pub fn figures_of_source(&self, source: usize) -> impl Iterator<Item = (usize, &Figure)> + '_ {
        self.sources[source]
            .claims
            .claims
            .iter()
            .enumerate()
            .flat_map(move |(claim_id, claim)| {
                let unit = self.sentence_unit(source, claim_id);
                claim.figures.iter().map(move |f| (unit, f))
            })
    }
}

/// The role a source gives each speaker it names, by canonical name: the
/// first role given.
fn roles_of<'c>(claims: &'c Claims<'_>) -> FxHashMap<&'c str, String> {
    let mut roles = FxHashMap::default();
    for speaker in claims.claims.iter().filter_map(|c| c.speaker.as_ref()) {
        if let Some(role) = &speaker.role {
            roles
                .entry(speaker.name.as_str())
                .or_insert_with(|| role.clone());
        }
    }
    roles
}

/// The `limit` units with most votes, ties broken by unit order so the
/// result is deterministic.
fn top(votes: FxHashMap<u32, usize>, limit: usize) -> Vec<(usize, usize)> {
    let mut ranked: Vec<(usize, usize)> = votes.into_iter().map(|(u, n)| (u as usize, n)).collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(limit);
    ranked
}

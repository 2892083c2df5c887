//! The index of the sources a draft is checked against.
//!
//! Every source sentence and every source quotation becomes a *unit*: its
//! normalised words and the speaker whose words they are. The index keeps
//! what it looks units up by (postings, content keys, names); a unit's
//! words and keyed tokens are worked out again when a lookup reads it
//! ([`SourceWords`], [`SourceTokens`]), as keeping them for every unit
//! cost most of a check's memory.
//!
//! Units are found through two inverted indexes, never by comparing a
//! draft sentence with every source sentence:
//!
//! * word trigrams, for quotations of three words or more: the units that
//!   share the most trigrams with a draft quotation are its candidates;
//! * single words, for short quotations and for finding the source sentence
//!   a draft sentence retells;
//! * content keys (stemmed words and paraphrase groups, see [`lexicon`]),
//!   for aligning a draft claim to the passage that retells it
//!   ([`super::align`]).
//!
//! A lookup reads the postings of its rarest term in full, however common
//! it is, so an exact match is always found; more common terms are read
//! while the work stays within [`POSTINGS_BUDGET`]. A passage that repeats
//! one already indexed (the same sentence in several sources, or a source
//! given twice) is indexed once: the first copy stands for all, so a draft's
//! findings never depend on how many copies the sources hold.
//!
//! A sentence or quotation longer than [`LONG_UNIT`] words (a transcript, a
//! list or a scraped page without sentence ends) is indexed as overlapping
//! *windows* of [`WINDOW`] words, [`STRIDE`] apart, each a unit of its own:
//! what a draft claim is compared with is then bounded, however long the
//! source sentence, and every stretch of up to `WINDOW - STRIDE` words lies
//! whole in some window. A window's span is exact byte offsets into its
//! source, and its words are a range of the whole sentence's, so a lookup
//! may read on past a window's ends (a long quotation straddling two
//! windows is still found word for word). The sentences of a source, long
//! ones as their windows, are its *stretches*: what [`super::align`] puts
//! side by side into passages.
//!
//! [`lexicon`]: super::lexicon

use std::sync::Arc;

use compact_str::CompactString;

use rustc_hash::FxHashMap;

use super::lexicon::{KeyedWord, Stems};
use super::normalize::{self, Strictness, Word};
use super::postings::Postings;
use crate::claims::figures::{FigureKind, FigureValue};
use crate::claims::{Claims, Figure};
use crate::document::Document;
use crate::rules::attribution::SpeakerKind;
use crate::rules::{Lexicon, WordClass};
use crate::span::Span;

/// Postings a lookup reads beyond those of its rarest term.
pub const POSTINGS_BUDGET: usize = 5_000;

/// Sentences and quotations longer than this (in words) are indexed as
/// windows: far beyond a sentence of edited copy, so that only text without
/// sentence ends is.
pub const LONG_UNIT: usize = 200;

/// The words of a window of a long sentence or quotation.
pub const WINDOW: usize = 120;

/// How far apart windows start, in words: they overlap by `WINDOW -
/// STRIDE`, so any stretch of that many words lies whole in one of them.
pub const STRIDE: usize = 60;

/// Whether a normalised word carries content: a word of three letters or
/// more that `lexicon` does not class as a stop word (see `stop_words` in
/// `rules/en/word-classes.toml`).
pub fn is_content_word(lexicon: &Lexicon, word: &str) -> bool {
    word.chars().count() >= 3 && !lexicon.is_lower(word, WordClass::StopWord)
}

/// Who said a unit's words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Voice {
    /// Canonical name; `None` for the article's own voice.
    pub name: Option<CompactString>,
    pub role: Option<CompactString>,
    /// Whether the voice is a person's (not an organisation, a group, a
    /// document or an anonymous source).
    pub is_person: bool,
}

/// A source sentence or quotation, or a window of a long one. Numbers are
/// kept in 32 bits (see [`index_u32`]): a check holds a unit for every
/// source sentence and quotation.
#[derive(Debug)]
pub struct Unit {
    source: u32,
    /// Index of the claim (sentence) in its source.
    claim: u32,
    /// The words of a quotation (marks excluded), or of a sentence; for a
    /// window, the words of the window.
    pub span: Span,
    /// For a quotation, its place among its claim's quotations: its words
    /// are that quotation's, a sentence's are its claim's (see
    /// [`SourceIndex::unit_whole`]).
    pub quote: Option<u32>,
    /// The range of the whole quotation's or sentence's words that is this
    /// unit's: all of them, or a window.
    window: std::ops::Range<u32>,
    /// Shared by every unit with the same voice (see
    /// [`SourceBuild::voice`]): most units are the narrator's or one of a
    /// few speakers', and a voice of its own was a third of a unit.
    pub voice: Arc<Voice>,
    /// The unit this one repeats word for word, if any: a duplicate is not
    /// indexed, and its first copy stands for it.
    pub copy_of: Option<u32>,
    /// For a sentence unit, its place among its source's stretches.
    pub stretch: Option<u32>,
}

impl Unit {
    /// Its source's place among the index's sources.
    pub fn source(&self) -> usize {
        self.source as usize
    }

    /// Its claim's (sentence's) place in its source.
    pub fn claim(&self) -> usize {
        self.claim as usize
    }

    /// Whether it is a quotation (or a window of one).
    pub fn is_quote(&self) -> bool {
        self.quote.is_some()
    }

    /// The range of the whole quotation's or sentence's words that is this
    /// unit's.
    pub fn window(&self) -> std::ops::Range<usize> {
        widen(&self.window)
    }
}

/// A sentence of a source, or a window of a long one: what passages are
/// made of. A check holds one for every source sentence, so it keeps only
/// what its unit does not (its span and claim are its unit's, see
/// [`SourceIndex::stretch_span`]), in 32-bit numbers (see [`index_u32`]).
#[derive(Clone, Debug)]
pub struct Stretch {
    /// Its sentence unit.
    unit: u32,
    /// Its tokens, as a range of its claim's (see [`Source::tokens`]):
    /// those that start in its span.
    tokens: std::ops::Range<u32>,
    /// Its figures, as a range of its claim's: those that start in its
    /// span.
    figures: std::ops::Range<u32>,
    /// Whether it is a window of a long sentence.
    pub is_window: bool,
    /// The figures it stands for among the source's (each figure once,
    /// though windows overlap): those no earlier window of its claim has.
    owned_figures: std::ops::Range<u32>,
}

impl Stretch {
    /// Its sentence unit.
    pub fn unit(&self) -> usize {
        self.unit as usize
    }

    /// Its tokens, as a range of its claim's.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        widen(&self.tokens)
    }

    /// Its figures, as a range of its claim's.
    pub fn figures(&self) -> std::ops::Range<usize> {
        widen(&self.figures)
    }

    /// The figures it stands for among its source's, as a range of its
    /// claim's.
    fn owned_figures(&self) -> std::ops::Range<usize> {
        widen(&self.owned_figures)
    }
}

/// A range of places kept in 32 bits, as places.
fn widen(range: &std::ops::Range<u32>) -> std::ops::Range<usize> {
    range.start as usize..range.end as usize
}

/// A range of places, in 32 bits (see [`index_u32`]).
fn narrow(range: &std::ops::Range<usize>) -> std::ops::Range<u32> {
    index_u32(range.start)..index_u32(range.end)
}

/// A source, read and claimed. Cloning it shares its parts.
#[derive(Clone)]
pub struct Source<'d> {
    pub document: &'d Document,
    /// Shared, like the words below, by every index the source is in.
    pub claims: Arc<Claims<'d>>,
    /// The keyed words of each claim (see [`Stems::tokens`]), worked out
    /// when a lookup first asks for them and shared by every index the
    /// source is in.
    pub tokens: std::sync::Arc<SourceTokens>,
    /// The compared words of each claim and of each of its quotations,
    /// worked out when a lookup first asks for them.
    pub words: std::sync::Arc<SourceWords>,
    /// Whose words the source declares itself to hold, if it does (see
    /// [`super::declared_speaker`]).
    pub declared_speaker: Option<Arc<str>>,
}

/// The compared words of a claim (see [`normalize::words`]) and of each
/// quotation that starts in it.
pub struct ClaimWords {
    pub sentence: Box<[Word]>,
    pub quotes: Vec<Box<[Word]>>,
}

/// The compared words of each claim of a source, each claim's worked out
/// the first time a lookup asks for it and kept from then on, as
/// [`SourceTokens`] keeps keyed words: all of them were 40 bytes a word
/// (6.7 bytes per byte of source, and the quotations' again), and a check
/// compares only the few units its claims retrieve.
pub struct SourceWords {
    /// Boxed: an empty slot is then 16 bytes where the words' own 40
    /// were, and most slots stay empty.
    claims: Box<[std::sync::OnceLock<Box<ClaimWords>>]>,
    strictness: Strictness,
}

impl SourceWords {
    /// Room for the words of `claims` claims, compared as `strictness`
    /// says, none worked out yet.
    pub fn new(claims: usize, strictness: Strictness) -> SourceWords {
        SourceWords {
            claims: (0..claims).map(|_| std::sync::OnceLock::new()).collect(),
            strictness,
        }
    }

    /// The words of claim `claim` of `source`.
    fn of<'s>(&'s self, source: &Source<'_>, claim: usize) -> &'s ClaimWords {
        self.claims[claim].get_or_init(|| {
            Box::new(ClaimWords::of(
                source.document,
                &source.claims.claims[claim],
                self.strictness,
            ))
        })
    }
}

/// The keyed words of each claim of a source, each claim's worked out the
/// first time a lookup asks for it and kept from then on.
///
/// Indexing keys every claim once and keeps only what it indexes: the keyed
/// words of all claims were as large as the compared words (6.6 bytes per
/// byte of source), and a check reads them only for the few passages its
/// claims are aligned with.
#[derive(Debug)]
pub struct SourceTokens {
    claims: Box<[std::sync::OnceLock<Box<[KeyedWord]>>]>,
}

impl SourceTokens {
    /// Room for the keyed words of `claims` claims, none worked out yet.
    pub fn new(claims: usize) -> SourceTokens {
        SourceTokens {
            claims: (0..claims).map(|_| std::sync::OnceLock::new()).collect(),
        }
    }

    /// The keyed words of claim `claim` of `source`.
    fn of<'s>(&'s self, source: &Source<'_>, claim: usize, lexicon: &Stems) -> &'s [KeyedWord] {
        self.claims[claim].get_or_init(|| {
            let claim = &source.claims.claims[claim];
            lexicon
                .tokens(claim.text, claim.span.start)
                .into_boxed_slice()
        })
    }
}

impl ClaimWords {
    /// The words of the whole quotation or sentence `unit` is (or is a
    /// window of), `unit` being one of this claim's.
    fn whole_of(&self, unit: &Unit) -> &[Word] {
        match unit.quote {
            Some(quote) => &self.quotes[quote as usize],
            None => &self.sentence,
        }
    }

    /// The words of `claim` of `document`, compared as `strictness` says.
    pub fn of(
        document: &Document,
        claim: &crate::claims::Claim<'_>,
        strictness: Strictness,
    ) -> ClaimWords {
        let sentence = normalize::words(claim.text, claim.span.start, strictness);
        ClaimWords::with_sentence(document, claim, strictness, sentence)
    }

    /// The words of `claim` of `document`, compared as `strictness` says,
    /// its sentence's being `sentence`.
    fn with_sentence(
        document: &Document,
        claim: &crate::claims::Claim<'_>,
        strictness: Strictness,
        sentence: Vec<Word>,
    ) -> ClaimWords {
        ClaimWords {
            sentence: sentence.into(),
            quotes: claim
                .quotes
                .iter()
                .map(|q| normalize::words(document.slice(q.span), q.span.start, strictness).into())
                .collect(),
        }
    }
}

/// All sources, indexed.
pub struct SourceIndex<'d> {
    pub sources: Vec<Source<'d>>,
    pub units: Vec<Unit>,
    /// Word trigrams, each word by its number in `word_numbers`: twelve
    /// bytes a key where the words' hashes took twenty-four.
    /// A posting is the unit's number: where in the unit is never asked.
    trigrams: Postings<[u32; 3], u32>,
    /// A number for each distinct word hash a trigram holds.
    word_numbers: FxHashMap<u64, u32>,
    words: Postings<u64, u32>,
    /// Sentence units by content key.
    content: Postings<u64, u32>,
    /// Every key and stem any source uses.
    vocabulary: rustc_hash::FxHashSet<u64>,
    /// Stems of the names the sources use: words they write with a capital
    /// letter where a sentence does not start, and their speakers' names.
    names: rustc_hash::FxHashSet<u64>,
    /// The initials of the sources' names ("eu" for "European Union").
    initials: rustc_hash::FxHashSet<u64>,
    /// Stems the sources also write in lower case where no sentence
    /// starts: common words, whatever a headline does with them.
    lower: rustc_hash::FxHashSet<u64>,
    /// While the index is built: units by the hash of their words, to find
    /// copies, with those words spelled out ([`spelled`]) once a unit with
    /// the same hash comes: copies are told exactly without keeping any
    /// claim's compared words. Emptied once built.
    by_words: FxHashMap<u64, FirstOfWords>,
    /// For each source, its stretches in order.
    stretches: Vec<Vec<Stretch>>,
    /// Figures by kind and normalised value: (sentence unit, figure index
    /// in [`SourceIndex::figures_of`] it).
    figure_values: FxHashMap<(FigureKind, String), Vec<(usize, usize)>>,
    /// The word classes of the run's rules: which words carry no content.
    lexicon: Arc<Lexicon>,
    /// The keys of words, for the sources' keyed words a lookup asks for.
    stems: Arc<Stems>,
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

/// A place in one of the index's lists, kept in 32 bits: a unit is
/// hundreds of bytes of source, so 4 billion of anything is far beyond
/// what a check holds in memory.
fn index_u32(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
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

/// The first unit of some words, and those words spelled out once
/// another unit with their hash has come ([`spelled`]).
type FirstOfWords = (usize, Option<Box<[u8]>>);

/// `words` written out exactly, each text after its length in bytes: two
/// units are copies when these are equal.
fn spelled(words: &[Word]) -> Box<[u8]> {
    let mut out = Vec::with_capacity(words.iter().map(|w| w.text.len() + 4).sum());
    for word in words {
        let length = u32::try_from(word.text.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(word.text.as_bytes());
    }
    out.into_boxed_slice()
}

/// Claims prepared for indexing a batch at a time: enough that the
/// threads preparing one batch share the work evenly, few enough that two
/// batches' words (one being indexed, the next prepared) stay a few MB.
const BATCH_CLAIMS: usize = 1_024;

/// What indexing needs of one claim that does not depend on the claims
/// before it: worked out for a batch of claims in parallel, then added to
/// the index in order.
struct PreparedClaim {
    /// Compared here for what is indexed, and dropped: a lookup works out
    /// again the few claims it reads (`SourceWords`).
    words: ClaimWords,
    /// Keyed here for what is indexed, and dropped: a lookup keys again
    /// the few claims it reads (`SourceTokens`).
    tokens: Vec<KeyedWord>,
    /// The hashes of the initials of the claim's names.
    initials: Vec<u64>,
    /// The sentence's units: the range of its tokens and the span of each.
    parts: Vec<(std::ops::Range<usize>, Span)>,
    /// The stems of the names in its speaker's name.
    speaker_names: Vec<u64>,
}

impl PreparedClaim {
    fn of(source: &Source<'_>, claim: &crate::claims::Claim<'_>, lexicon: &Stems) -> PreparedClaim {
        let (sentence, prose) =
            normalize::words_and_prose_words(claim.text, claim.span.start, source.words.strictness);
        let words =
            ClaimWords::with_sentence(source.document, claim, source.words.strictness, sentence);
        let tokens = lexicon.key_words(claim.text, claim.span.start, &prose);
        let initials = initialisms(&tokens, claim.text, claim.span.start)
            .into_iter()
            .map(|(_, _, initials)| word_hash(&initials))
            .collect();
        // A long sentence is cut by its tokens, which every word of it is
        // in (its compared words leave out bracketed words).
        let token_spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
        let parts = windows(&token_spans, claim.span);
        let speaker_names = claim.speaker.as_ref().map_or_else(Vec::new, |speaker| {
            lexicon
                .tokens(&speaker.name, 0)
                .into_iter()
                .filter(|token| !token.function && token.capitalized)
                .map(|token| token.stem)
                .collect()
        });
        PreparedClaim {
            words,
            tokens,
            initials,
            parts,
            speaker_names,
        }
    }
}

impl<'d> SourceIndex<'d> {
    /// Indexes `sources`. Each batch of claims is prepared in parallel
    /// while the batch before it is added, in order, so the index is the
    /// same as one built a claim at a time.
    pub fn new(
        sources: Vec<Source<'d>>,
        stems: Arc<Stems>,
        classes: Arc<Lexicon>,
    ) -> SourceIndex<'d> {
        use rayon::prelude::*;
        let lexicon = &*stems;
        let mut index = SourceIndex {
            units: Vec::new(),
            trigrams: Postings::default(),
            word_numbers: FxHashMap::default(),
            words: Postings::default(),
            content: Postings::default(),
            vocabulary: Default::default(),
            names: Default::default(),
            lower: Default::default(),
            initials: Default::default(),
            by_words: FxHashMap::default(),
            stretches: Vec::new(),
            figure_values: FxHashMap::default(),
            sources,
            lexicon: classes,
            stems: Arc::clone(&stems),
        };
        index.stretches = vec![Vec::new(); index.sources.len()];
        // The sources again (their parts are shared), for the threads
        // preparing claims while the index is being added to.
        let sources = index.sources.clone();
        // Every (source, claim) pair, a batch at a time: a list of all of
        // them was 16 bytes a source sentence for the whole build.
        let mut claims = sources
            .iter()
            .enumerate()
            .flat_map(|(s, source)| (0..source.claims.claims.len()).map(move |c| (s, c)));
        let mut next_batch = || -> Option<Vec<(usize, usize)>> {
            let batch: Vec<(usize, usize)> = claims.by_ref().take(BATCH_CLAIMS).collect();
            (!batch.is_empty()).then_some(batch)
        };
        let prepare = |batch: &[(usize, usize)]| -> Vec<PreparedClaim> {
            batch
                .par_iter()
                .map(|&(s, c)| {
                    PreparedClaim::of(&sources[s], &sources[s].claims.claims[c], lexicon)
                })
                .collect()
        };
        let mut current = next_batch().unwrap_or_default();
        let mut prepared = prepare(&current);
        let mut building: Option<SourceBuild<'_>> = None;
        loop {
            let next = next_batch();
            let ((), next_prepared) = rayon::join(
                || {
                    for (&(source_id, claim_id), claim) in current.iter().zip(prepared.drain(..)) {
                        let source = &sources[source_id];
                        let build = match &mut building {
                            Some(build) if build.source == source_id => build,
                            other => {
                                index.stretches[source_id]
                                    .reserve_exact(source.claims.claims.len());
                                let voices = other.take().map(|b| b.voices).unwrap_or_default();
                                other.insert(SourceBuild::new(source_id, source, voices))
                            }
                        };
                        index.add_claim(build, source, claim_id, claim, lexicon);
                    }
                },
                || next.as_deref().map(prepare),
            );
            match (next, next_prepared) {
                (Some(batch), Some(batch_prepared)) => {
                    current = batch;
                    prepared = batch_prepared;
                }
                _ => break,
            }
        }
        // The smaller lists first: their pairs are freed before the
        // trigrams', the largest, are sorted beside their lists.
        index.content.seal();
        index.words.seal();
        index.trigrams.seal();
        index.units.shrink_to_fit();
        index.by_words = FxHashMap::default();
        index
    }

    /// Adds claim `claim_id` of source `build.source`, prepared as
    /// `prepared`: its sentence (or its windows) and its quotations.
    fn add_claim(
        &mut self,
        build: &mut SourceBuild<'_>,
        source: &Source<'_>,
        claim_id: usize,
        prepared: PreparedClaim,
        lexicon: &Stems,
    ) {
        let source_id = build.source;
        let claim = &source.claims.claims[claim_id];
        let voice = build.voice(Voice {
            name: claim.speaker.as_ref().map(|s| s.name.clone()),
            role: claim.speaker.as_ref().and_then(|s| s.role.clone()),
            is_person: claim
                .speaker
                .as_ref()
                .is_some_and(|s| s.kind == SpeakerKind::Person),
        });
        let PreparedClaim {
            words: claim_words,
            tokens,
            initials,
            parts,
            speaker_names,
        } = prepared;
        let words = &claim_words.sentence;
        let whole = parts.len() == 1;
        let mut figures_owned = 0;
        for (token_range, span) in parts {
            // A window holds the words and figures that start in it.
            let (window, figure_range) = if whole {
                (0..words.len(), 0..claim.figures.len())
            } else {
                (
                    range_where(words, |w| w.span.start, span),
                    range_where(&claim.figures, |f| f.span.start, span),
                )
            };
            let owned =
                figure_range.start.max(figures_owned).min(figure_range.end)..figure_range.end;
            figures_owned = figures_owned.max(figure_range.end);
            let unit = self.units.len();
            let stretches = &mut self.stretches[source_id];
            let stretch = index_u32(stretches.len());
            stretches.push(Stretch {
                unit: index_u32(unit),
                tokens: narrow(&token_range),
                figures: narrow(&figure_range),
                is_window: !whole,
                owned_figures: narrow(&owned),
            });
            let unit_words = &words[window.clone()];
            let copy = self.add_unit(
                Unit {
                    source: index_u32(source_id),
                    claim: index_u32(claim_id),
                    span,
                    quote: None,
                    window: narrow(&window),
                    voice: voice.clone(),
                    copy_of: None,
                    stretch: Some(stretch),
                },
                claim.text,
                unit_words,
            );
            if copy.is_none() {
                for i in owned {
                    self.figure_values
                        .entry(figure_key(&claim.figures[i]))
                        .or_default()
                        .push((unit, i - figure_range.start));
                }
                self.add_content(
                    unit,
                    &tokens,
                    token_range,
                    &initials,
                    claim.text,
                    claim.span.start,
                    lexicon,
                );
            }
        }
        self.names.extend(speaker_names);
        for (quote_id, quote) in claim.quotes.iter().enumerate() {
            let role = quote
                .speaker
                .as_ref()
                .and_then(|name| build.roles.get(name.as_str()).cloned());
            let words = &claim_words.quotes[quote_id];
            let word_spans: Vec<Span> = words.iter().map(|w| w.span).collect();
            for (window, span) in windows(&word_spans, quote.span) {
                let unit_words = &words[window.clone()];
                self.add_unit(
                    Unit {
                        source: index_u32(source_id),
                        claim: index_u32(claim_id),
                        span,
                        quote: Some(index_u32(quote_id)),
                        window: narrow(&window),
                        voice: build.voice(Voice {
                            name: quote.speaker.clone(),
                            role: role.clone(),
                            is_person: false,
                        }),
                        copy_of: None,
                        stretch: None,
                    },
                    source.document.slice(quote.span),
                    unit_words,
                );
            }
        }
    }

    /// Adds a unit, whose own words are `words`, of the sentence or
    /// quotation written `whole_text`; returns the unit it is a copy of, if
    /// it is one (then it is kept, for its claim, but not indexed).
    fn add_unit(&mut self, mut unit: Unit, whole_text: &str, words: &[Word]) -> Option<usize> {
        let id = self.units.len() as u32;
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(&w.text)).collect();
        let whole = hashes.iter().fold(u64::from(unit.is_quote()), |h, w| {
            h.rotate_left(5) ^ w.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        });
        let first = self.by_words.get(&whole).map(|&(first, _)| first);
        if let Some(first) = first.filter(|_| !words.is_empty())
            // One written the same way as the first (the same sentence in
            // another copy of an article) has its words, told without
            // working out the first's words again.
            && (self.written_as(first, &unit, whole_text) || self.spelled_as(whole, words))
            // The same words in another mouth are not a copy.
            && self.units[first].voice == unit.voice
        {
            unit.copy_of = Some(index_u32(first));
            self.units.push(unit);
            return Some(first);
        }
        self.by_words.insert(whole, (id as usize, None));
        let numbers: Vec<u32> = if hashes.len() >= 3 {
            let next = &mut self.word_numbers;
            hashes
                .iter()
                .map(|hash| {
                    let count = next.len() as u32;
                    *next.entry(*hash).or_insert(count)
                })
                .collect()
        } else {
            Vec::new()
        };
        for window in numbers.windows(3) {
            self.trigrams.push([window[0], window[1], window[2]], id);
        }
        for (word, hash) in words.iter().zip(&hashes) {
            if self.is_content_word(&word.text) {
                self.words.push(*hash, id);
            }
        }
        self.units.push(unit);
        None
    }

    /// Indexes the content keys of sentence unit `unit`, the tokens in
    /// `range` of its claim's `tokens` (its claim's text is `text`, at
    /// `offset`), and adds its words to the vocabulary and names.
    #[allow(clippy::too_many_arguments)]
    fn add_content(
        &mut self,
        unit: usize,
        tokens: &[KeyedWord],
        range: std::ops::Range<usize>,
        initials: &[u64],
        text: &str,
        offset: usize,
        lexicon: &Stems,
    ) {
        let mut keys: Vec<u64> = Vec::with_capacity(range.len());
        for (i, token) in tokens.iter().enumerate().take(range.end).skip(range.start) {
            self.vocabulary.insert(token.key);
            self.vocabulary.insert(token.stem);
            // The parts of a hyphenated word are words of the source too
            // ("Centre" in "Centre-Indian").
            let raw = &text[token.span.start - offset..token.span.end - offset];
            if raw.contains(['-', '‐', '‑']) {
                for part in lexicon.tokens(&raw.replace(['-', '‐', '‑'], " "), 0) {
                    self.vocabulary.insert(part.key);
                    self.vocabulary.insert(part.stem);
                }
            }
            if token.function {
                continue;
            }
            keys.push(token.key);
            // A capital where no sentence starts marks a name: not after a
            // sentence's first word, nor after an opening quotation mark or
            // a colon.
            let starts_clause = i == 0
                || text[tokens[i - 1].span.end - offset..token.span.start - offset]
                    .contains(['“', '"', ':', '‘', '(', '—']);
            if !starts_clause && !token.numeric {
                if token.capitalized {
                    self.names.insert(token.stem);
                } else {
                    self.lower.insert(token.stem);
                }
            }
        }
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            self.content.push(key, unit as u32);
        }
        // The initials of a name are a word of the source too: "EU" for
        // "European Union", "IFC" for "Information Fusion Centre".
        self.initials.extend(initials.iter().copied());
    }

    /// Whether a normalised word carries content, by the run's lexicon
    /// (see [`is_content_word`]).
    pub fn is_content_word(&self, word: &str) -> bool {
        is_content_word(&self.lexicon, word)
    }

    /// Whether any source uses a word with this key or stem.
    pub fn knows(&self, key: u64) -> bool {
        self.vocabulary.contains(&key)
    }

    /// Whether a word (folded, as `word_hash` of its lower-case letters) is
    /// the initials of a name the sources spell out.
    pub fn is_initials(&self, word: u64) -> bool {
        self.initials.contains(&word)
    }

    /// Whether the sources use a word of this stem as a name.
    pub fn is_name(&self, stem: u64) -> bool {
        self.names.contains(&stem) && !self.lower.contains(&stem)
    }

    /// Whether sentence unit `unit` (or the unit it copies) holds a content
    /// key.
    pub fn holds(&self, unit: usize, key: u64) -> bool {
        let unit = self.units[unit].copy_of.unwrap_or(unit as u32);
        self.content
            .get(&key)
            .is_some_and(|postings| postings.binary_search(&unit).is_ok())
    }

    /// How many sentence units hold a content key.
    pub fn frequency(&self, key: u64) -> usize {
        self.content.get(&key).map_or(0, <[u32]>::len)
    }

    /// How many sentence units (stretches) were indexed.
    pub fn sentence_count(&self) -> usize {
        self.stretches.iter().map(Vec::len).sum()
    }

    /// Sentence units sharing content keys with `keys`, weighted by how
    /// rare each key is, best first, at most `limit`.
    pub fn content_candidates(&self, keys: &[(u64, f64)], limit: usize) -> Vec<usize> {
        let mut terms: Vec<(&[u32], f64)> = keys
            .iter()
            .filter_map(|&(key, weight)| self.content.get(&key).map(|p| (p, weight)))
            .collect();
        terms.sort_by_key(|(postings, _)| postings.len());
        let mut scores: FxHashMap<u32, f64> = FxHashMap::default();
        let mut read = 0;
        for (i, (postings, weight)) in terms.into_iter().enumerate() {
            if i > 0 && read + postings.len() > POSTINGS_BUDGET {
                break;
            }
            read += postings.len();
            for &unit in postings {
                *scores.entry(unit).or_default() += weight;
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        // Only the best (and those tied with them) need sorting.
        let wanted = limit * 4;
        if ranked.len() > wanted && wanted > 0 {
            ranked.select_nth_unstable_by(wanted - 1, order);
            ranked.truncate(wanted);
        }
        ranked.sort_unstable_by(order);
        // Units tied with the last one kept are kept too (up to four times
        // the limit): which of equals comes first is no reason to drop one.
        let keep = match ranked.get(limit.saturating_sub(1)) {
            Some(&(_, last)) => ranked
                .iter()
                .take(limit * 4)
                .take_while(|(_, score)| *score >= last - 1e-9)
                .count()
                .max(limit),
            None => ranked.len(),
        };
        ranked.truncate(keep);
        ranked.into_iter().map(|(u, _)| u as usize).collect()
    }

    /// Units sharing word trigrams with `words`, most shared first, with
    /// the count.
    pub fn trigram_candidates(&self, words: &[Word], limit: usize) -> Vec<(usize, usize)> {
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(&w.text)).collect();
        let mut windows: Vec<[u64; 3]> = hashes.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
        // Sorted by hash, as before words were numbered: lists of one
        // length are read in this order, within the budget.
        windows.sort_unstable();
        windows.dedup();
        let number = |hash: &u64| self.word_numbers.get(hash).copied();
        let lists: Vec<&[u32]> = windows
            .iter()
            .filter_map(|[a, b, c]| {
                // A word no source trigram holds: no source has the trigram.
                self.trigrams.get(&[number(a)?, number(b)?, number(c)?])
            })
            .collect();
        top(votes_of(lists), limit)
    }

    /// Units sharing content words with `words`, most shared first, with
    /// the count of distinct shared words; only units of the wanted kind.
    pub fn word_candidates(
        &self,
        words: &[Word],
        quotes: bool,
        limit: usize,
    ) -> Vec<(usize, usize)> {
        let mut hashes: Vec<u64> = words
            .iter()
            .filter(|w| self.is_content_word(&w.text))
            .map(|w| word_hash(&w.text))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        let lists: Vec<&[u32]> = hashes.iter().filter_map(|h| self.words.get(h)).collect();
        let mut votes = votes_of(lists);
        votes.retain(|&unit, _| self.units[unit as usize].is_quote() == quotes);
        top(votes, limit)
    }

    /// The stretches of source `source`, in order.
    pub fn stretches(&self, source: usize) -> &[Stretch] {
        &self.stretches[source]
    }

    /// The span of `stretch`: its sentence's, or its window's.
    pub fn stretch_span(&self, stretch: &Stretch) -> Span {
        self.units[stretch.unit()].span
    }

    /// The tokens of the passage made of stretches `first..=last` of
    /// `source`, each once (windows of one sentence overlap).
    pub fn passage_tokens(&self, source: usize, first: usize, last: usize) -> Vec<KeyedWord> {
        let mut out = Vec::new();
        let mut read: Option<(usize, usize)> = None; // (claim, tokens read up to)
        for stretch in &self.stretches[source][first..=last] {
            let tokens = stretch.tokens();
            let claim = self.units[stretch.unit()].claim();
            let from = match read {
                Some((read_claim, end)) if read_claim == claim => end.max(tokens.start),
                _ => tokens.start,
            };
            let to = tokens.end.max(from);
            out.extend_from_slice(&self.claim_tokens(source, claim)[from..to]);
            read = Some((claim, to));
        }
        out
    }

    /// The words of the whole quotation or sentence unit `unit` is (or is
    /// a window of).
    pub fn unit_whole(&self, unit: usize) -> &[Word] {
        let unit = &self.units[unit];
        let source = &self.sources[unit.source()];
        source.words.of(source, unit.claim()).whole_of(unit)
    }

    /// The first unit whose words hash to `whole`, if any, with its words
    /// spelled out in [`Self::by_words`]: worked out again from its claim
    /// the first time a unit with that hash comes, and not kept as the
    /// claim's words (a lookup may never read that claim).
    fn first_spelled(&mut self, whole: u64) -> Option<usize> {
        let &(first, ref known) = self.by_words.get(&whole)?;
        if known.is_none() {
            let unit = &self.units[first];
            let source = &self.sources[unit.source()];
            let worked_out;
            let claim_words = match source.words.claims[unit.claim()].get() {
                Some(kept) => kept,
                None => {
                    worked_out = ClaimWords::of(
                        source.document,
                        &source.claims.claims[unit.claim()],
                        source.words.strictness,
                    );
                    &worked_out
                }
            };
            let own = claim_words
                .whole_of(unit)
                .get(unit.window())
                .unwrap_or_default();
            let own = spelled(own);
            if let Some(entry) = self.by_words.get_mut(&whole) {
                entry.1 = Some(own);
            }
        }
        Some(first)
    }

    /// Whether `words` are those of the first unit whose words hash to
    /// `whole`, compared written out (see [`Self::first_spelled`]).
    fn spelled_as(&mut self, whole: u64, words: &[Word]) -> bool {
        self.first_spelled(whole).is_some()
            && self
                .by_words
                .get(&whole)
                .and_then(|(_, known)| known.as_deref())
                == Some(&*spelled(words))
    }

    /// Whether unit `first` is the same window of a quotation (or of a
    /// sentence), as `unit` is, of one written exactly `whole_text`: then
    /// the two hold the same words.
    fn written_as(&self, first: usize, unit: &Unit, whole_text: &str) -> bool {
        let first = &self.units[first];
        if first.quote.is_some() != unit.quote.is_some() || first.window != unit.window {
            return false;
        }
        let source = &self.sources[first.source()];
        let claim = &source.claims.claims[first.claim()];
        let written = match first.quote {
            Some(quote) => source.document.slice(claim.quotes[quote as usize].span),
            None => claim.text,
        };
        written == whole_text
    }

    /// The words of unit `unit`: its window of the whole.
    pub fn unit_words(&self, unit: usize) -> &[Word] {
        &self.unit_whole(unit)[self.units[unit].window()]
    }

    /// The keyed words of claim `claim` of source `source`.
    pub fn claim_tokens(&self, source: usize, claim: usize) -> &[KeyedWord] {
        let of = &self.sources[source];
        of.tokens.of(of, claim, &self.stems)
    }

    /// The figures of a unit: for a sentence unit, those of its stretch;
    /// for a quotation, those of its claim.
    pub fn figures_of(&self, unit: usize) -> &[Figure] {
        let unit = &self.units[unit];
        let figures = &self.sources[unit.source()].claims.claims[unit.claim()].figures;
        match unit.stretch {
            Some(at) => &figures[self.stretches[unit.source()][at as usize].figures()],
            None => figures,
        }
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

    /// Every figure of source `source`, once, with the sentence unit it
    /// stands in.
    pub fn figures_of_source(&self, source: usize) -> impl Iterator<Item = (usize, &Figure)> + '_ {
        let claims = &self.sources[source].claims.claims;
        self.stretches[source].iter().flat_map(move |stretch| {
            claims[self.units[stretch.unit()].claim()].figures[stretch.owned_figures()]
                .iter()
                .map(move |f| (stretch.unit(), f))
        })
    }
}

/// The source being indexed: its number and the roles it gives its
/// speakers; and the voices of the units indexed so far.
struct SourceBuild<'c> {
    source: usize,
    roles: FxHashMap<&'c str, CompactString>,
    /// Shared by every source: an archive's sources quote the same people
    /// again and again.
    voices: FxHashMap<Voice, Arc<Voice>>,
}

impl<'c> SourceBuild<'c> {
    /// The build of source `source_id`, the voices of the sources before it
    /// being `voices`.
    fn new(
        source_id: usize,
        source: &'c Source<'_>,
        voices: FxHashMap<Voice, Arc<Voice>>,
    ) -> SourceBuild<'c> {
        SourceBuild {
            source: source_id,
            roles: roles_of(&source.claims),
            voices,
        }
    }

    /// `voice`, shared with the other units that have it.
    fn voice(&mut self, voice: Voice) -> Arc<Voice> {
        if let Some(shared) = self.voices.get(&voice) {
            return Arc::clone(shared);
        }
        let shared = Arc::new(voice.clone());
        self.voices.insert(voice, Arc::clone(&shared));
        shared
    }
}

/// The role a source gives each speaker it names, by canonical name: the
/// first role given.
fn roles_of<'c>(claims: &'c Claims<'_>) -> FxHashMap<&'c str, CompactString> {
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

/// The initials of every stretch of two to [`MAX_INITIALS`] capitalised
/// words (function words such as "of" inside it skipped, and also taken,
/// so that "Bank of England" gives both "be" and "boe"), with the
/// positions of its first and last token.
pub fn initialisms(tokens: &[KeyedWord], text: &str, offset: usize) -> Vec<(usize, usize, String)> {
    let is_name = |t: &KeyedWord| t.capitalized && !t.function && !t.numeric;
    let initial = |t: &KeyedWord| {
        text[t.span.start - offset..t.span.end - offset]
            .chars()
            .next()
            .map(|c| c.to_lowercase().to_string())
            .unwrap_or_default()
    };
    let mut found = Vec::new();
    for first in (0..tokens.len()).filter(|&i| is_name(&tokens[i])) {
        let mut names = 1;
        for last in first + 1..tokens.len().min(first + 2 * MAX_INITIALS) {
            let token = &tokens[last];
            if !(is_name(token) || (token.function && !token.capitalized)) {
                break;
            }
            if !is_name(token) {
                continue;
            }
            names += 1;
            if names > MAX_INITIALS {
                break;
            }
            let stretch = &tokens[first..=last];
            let short: String = stretch.iter().filter(|t| is_name(t)).map(initial).collect();
            let long: String = stretch.iter().map(initial).collect();
            if long != short {
                found.push((first, last, long));
            }
            found.push((first, last, short));
        }
    }
    found
}

/// The most words whose initials make a name.
const MAX_INITIALS: usize = 6;

/// One vote per posting list a unit is in: the lists are read rarest first,
/// the rarest in full, the others while within [`POSTINGS_BUDGET`].
fn votes_of(mut lists: Vec<&[u32]>) -> FxHashMap<u32, usize> {
    lists.sort_by_key(|postings| postings.len());
    let mut votes: FxHashMap<u32, usize> = FxHashMap::default();
    let mut read = 0;
    for (i, postings) in lists.into_iter().enumerate() {
        if i > 0 && read + postings.len() > POSTINGS_BUDGET {
            break;
        }
        read += postings.len();
        let mut last = None;
        for &unit in postings {
            // Postings of one unit are consecutive: count the unit once.
            if last != Some(unit) {
                *votes.entry(unit).or_default() += 1;
                last = Some(unit);
            }
        }
    }
    votes
}

/// The `limit` units with most votes, ties broken by unit order so the
/// result is deterministic.
fn top(votes: FxHashMap<u32, usize>, limit: usize) -> Vec<(usize, usize)> {
    let mut ranked: Vec<(usize, usize)> = votes.into_iter().map(|(u, n)| (u as usize, n)).collect();
    let order = |a: &(usize, usize), b: &(usize, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    // Only the best `limit` need sorting.
    if ranked.len() > limit && limit > 0 {
        ranked.select_nth_unstable_by(limit - 1, order);
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by(order);
    ranked.truncate(limit);
    ranked
}

/// The units a sentence or quotation over `span` whose words are at
/// `words` is indexed as: the range of its words each holds, and its span.
/// One unit for all of it, or, beyond [`LONG_UNIT`] words, overlapping
/// windows (the first and last reaching its ends).
fn windows(words: &[Span], span: Span) -> Vec<(std::ops::Range<usize>, Span)> {
    let n = words.len();
    if n <= LONG_UNIT {
        return vec![(0..n, span)];
    }
    let mut out = Vec::with_capacity(n / STRIDE + 1);
    let mut start = 0;
    loop {
        let end = (start + WINDOW).min(n);
        let from = if start == 0 {
            span.start
        } else {
            words[start].start
        };
        let to = if end == n {
            span.end
        } else {
            words[end - 1].end
        };
        out.push((start..end, Span::new(from, to)));
        if end == n {
            break;
        }
        start += STRIDE;
    }
    out
}

/// The range of `items` (in order of `start`) whose start is in `span`.
fn range_where<T>(items: &[T], start: impl Fn(&T) -> usize, span: Span) -> std::ops::Range<usize> {
    let from = items.partition_point(|item| start(item) < span.start);
    let to = items.partition_point(|item| start(item) < span.end);
    from..to.max(from)
}

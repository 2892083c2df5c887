//! The rule engine: from a document's sentences to its claims, each tagged
//! with its speaker, its quotations and its figures.
//!
//! A claim is one sentence read as a careful reader of news reads it:
//! whose claim it is (`speaker`, `None` for the article's own voice), the
//! words that attribute it (`cue`), what it quotes and which figures it
//! gives. The work runs in passes over the whole document, because a
//! sentence's speaker can depend on sentences before and after it:
//!
//! 1. [`quotes`] pairs the quotation marks of the document;
//! 2. [`attribution`] finds the cues of every sentence and reads their
//!    mentions ([`mention`]);
//! 3. [`names`] gathers every person the document names, so that "Singh"
//!    resolves to "Rajnath Singh" and "the PM" to the prime minister;
//! 4. speakers are resolved in document order, pronouns to the last person
//!    (or group, or organisation) that spoke;
//! 5. each quotation gets the speaker of the cue that governs it: the cue
//!    right after it (`“…,” Modi said`), else the nearest one before it in
//!    its sentence (`described … as “…”`), else any cue whose scope covers
//!    it; a quotation that opens a sentence with no cue continues the
//!    quotation before it (a quote paragraph after a quote paragraph);
//! 6. [`figures`] reads the figures, each in the voice of the quotation or
//!    attribution scope it stands in.
//!
//! A sentence inside a quotation that spans several sentences is the
//! quotation's speaker's, and the quotation is listed with the claim of the
//! sentence it starts in.
//!
//! Each step is a table of named passes; every speaker records the pass
//! that decided it (`decided_by`), and any pass can be switched off to
//! measure what it is worth ([`passes`]).

pub mod attribution;
pub mod figures;
pub mod mention;
pub mod names;
pub mod passes;
pub mod phrase;
pub mod quotes;
pub mod tokens;
pub mod voices;

use std::sync::Arc;

use compact_str::CompactString;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use crate::bounds;
use crate::document::Document;
use crate::parallel;
use crate::rules::attribution::{CueKind, Gender, SpeakerKind};
use crate::rules::{Lexicon, RuleSet, WordClass};
use crate::segment::{self, Sentence};
use crate::span::Span;

use attribution::Cue;
use figures::{FigureKind, FigureValue};
use mention::Mention;
use names::NameIndex;
pub use quotes::Warning;
pub use voices::QuoteKind;

/// Who a claim or quotation belongs to. Its words are held inline up to
/// 24 bytes (`CompactString`): every claim of every source a check reads
/// may have one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Speaker {
    /// Canonical: the fullest form the document gives ("Rajnath Singh").
    pub name: CompactString,
    /// How this sentence refers to them ("Singh", "she", "the PM").
    pub mention: CompactString,
    /// The role the document gives them, as written.
    pub role: Option<CompactString>,
    pub kind: SpeakerKind,
}

/// A quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The quoted words, without the marks (for a quotation of several
    /// paragraphs, from the first word to the last).
    pub span: Span,
    /// The quoted words; paragraphs joined with a space.
    pub text: String,
    /// The canonical name of who says it; `None` for scare quotes in the
    /// article's own voice and for titles.
    pub speaker: Option<CompactString>,
    /// Speech, a title or a term.
    pub kind: QuoteKind,
    /// The pass that decided `speaker` (see [`passes`]); `None` when there
    /// is no speaker.
    pub decided_by: Option<&'static str>,
}

/// A figure, normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub span: Span,
    /// As written.
    pub text: CompactString,
    pub kind: FigureKind,
    pub value: FigureValue,
    pub unit: Option<CompactString>,
    /// Canonical qualifier ("up to", "more than", "about").
    pub qualifier: Option<CompactString>,
    /// Whose figure it is: the canonical name, `None` for the narrator.
    pub speaker: Option<CompactString>,
}

/// One sentence's claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim<'d> {
    /// Index of the sentence.
    pub sentence: usize,
    pub span: Span,
    pub text: &'d str,
    /// `None`: the article's own voice. Shared by the claims of one
    /// document that give the same speaker the same way: a check keeps
    /// every source claim, and a document's speakers repeat.
    pub speaker: Option<Arc<Speaker>>,
    /// The pass that decided `speaker` (see [`passes`]); `None` for the
    /// article's own voice.
    pub decided_by: Option<&'static str>,
    /// For `X quoted Y as saying`: X, who reports Y's words. Boxed: few
    /// claims have one, and every source claim is kept for a check.
    pub reported_by: Option<Box<Speaker>>,
    /// The attributing words as written ("said", "pitched for").
    pub cue: Option<CompactString>,
    /// What the speaker is reported to have said, outside the attribution
    /// itself: for `Herrera said that the plan would fail`, `the plan would
    /// fail`; for `“…,” Modi said`, the quotation. `None` for the narrator.
    pub content: Option<Span>,
    /// Quotations that start in this sentence. Boxed slices: a check
    /// keeps every source claim, and neither grows once read.
    pub quotes: Box<[Quote]>,
    pub figures: Box<[Figure]>,
}

impl Claim<'_> {
    /// `c1`, `c2`, … in document order: from its sentence's place, so
    /// that the thousands of claims a check keeps do not each hold it.
    pub fn id(&self) -> CompactString {
        compact_str::format_compact!("c{}", self.sentence + 1)
    }
}

/// A document's claims and what was suspicious while reading them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Claims<'d> {
    pub claims: Vec<Claim<'d>>,
    pub warnings: Vec<Warning>,
}

/// Reads the claims of `document`, whose sentences are `sentences` (all
/// of them, or those [`read`] keeps: each claim's id is its sentence's
/// place among all the document's sentences), with every pass on but those
/// `CLAIMTRACE_PASSES_OFF` switches off ([`passes::Switches::current`]).
pub fn extract<'d>(
    document: &'d Document,
    sentences: &[Sentence<'d>],
    rules: &RuleSet,
) -> Claims<'d> {
    extract_with(document, sentences, rules, passes::Switches::current())
}

/// [`extract`] with only the passes `switches` leaves on.
pub fn extract_with<'d>(
    document: &'d Document,
    sentences: &[Sentence<'d>],
    rules: &RuleSet,
    switches: &passes::Switches,
) -> Claims<'d> {
    if document.blocks.is_empty() {
        // No text: nothing to read, and no rules compiled to read it.
        return Claims::default();
    }
    let (raw_quotes, warnings) = quotes::find(document, rules.attribution());
    extract_quoted(document, sentences, raw_quotes, warnings, rules, switches)
}

/// Finds the sentences of `document` and reads their claims, as
/// [`extract`] does, except that sentences without content past the
/// limits of [`crate::bounds`] are never claims (and never held: a file of
/// millions of them costs about its text): of the sentences with no figure
/// and no word of two letters (see [`bounds::is_empty_sentence`]), the first
/// [`bounds::MAX_EMPTY_SENTENCES`] of at most
/// [`bounds::MAX_EMPTY_SENTENCE_BYTES`] each are claims like any other, and
/// one warning counts the rest. One in which a quotation starts, or
/// followed by a footnote marker, is never left out: it carries a
/// quotation or a citation.
pub fn read<'d>(document: &'d Document, rules: &RuleSet) -> Claims<'d> {
    if document.blocks.is_empty() {
        return Claims::default();
    }
    let (raw_quotes, mut warnings) = quotes::find(document, rules.attribution());
    let mut kept: Vec<Sentence<'d>> = Vec::new();
    let mut empty_kept = 0;
    let mut left_out = 0;
    let mut first_left_out: Option<Span> = None;
    let mut next_quote = 0;
    let mut next_marker = 0;
    let markers = &document.footnote_refs;
    // A sentence without content waits for the next one's start, to know
    // whether a footnote marker follows it.
    let mut waiting: Option<Sentence<'d>> = None;
    let mut decide = |empty: Sentence<'d>, next_start: usize, kept: &mut Vec<Sentence<'d>>| {
        while markers
            .get(next_marker)
            .is_some_and(|m| m.span.start < empty.span.start)
        {
            next_marker += 1;
        }
        let cited = markers
            .get(next_marker)
            .is_some_and(|m| m.span.start < next_start);
        if cited
            || (empty_kept < bounds::MAX_EMPTY_SENTENCES
                && empty.span.len() <= bounds::MAX_EMPTY_SENTENCE_BYTES)
        {
            empty_kept += usize::from(!cited);
            kept.push(empty);
        } else {
            left_out += 1;
            // Its first character: a warning's place is shown whole.
            let first = empty.text.chars().next().map_or(0, char::len_utf8);
            first_left_out.get_or_insert(Span::new(empty.span.start, empty.span.start + first));
        }
    };
    segment::each(document, rules, |sentence| {
        if let Some(empty) = waiting.take() {
            decide(empty, sentence.span.start, &mut kept);
        }
        while raw_quotes
            .get(next_quote)
            .is_some_and(|q| q.span.start < sentence.span.start)
        {
            next_quote += 1;
        }
        let quotes_start = raw_quotes
            .get(next_quote)
            .is_some_and(|q| q.span.start < sentence.span.end);
        if quotes_start || !bounds::is_empty_sentence(sentence.text) {
            kept.push(sentence);
        } else {
            waiting = Some(sentence);
        }
    });
    if let Some(empty) = waiting.take() {
        decide(empty, usize::MAX, &mut kept);
    }
    if let Some(span) = first_left_out {
        let at = warnings.partition_point(|w| w.span <= span);
        warnings.insert(
            at,
            Warning {
                span,
                message: bounds::empty_sentences_message(left_out),
            },
        );
    }
    extract_quoted(
        document,
        &kept,
        raw_quotes,
        warnings,
        rules,
        passes::Switches::current(),
    )
}

/// [`extract`], the quotations of the document found.
fn extract_quoted<'d>(
    document: &'d Document,
    sentences: &[Sentence<'d>],
    raw_quotes: Vec<quotes::RawQuote>,
    warnings: Vec<Warning>,
    rules: &RuleSet,
    switches: &passes::Switches,
) -> Claims<'d> {
    // Each quotation with its marks: a cue is never read inside one.
    let quoted: Vec<Span> = raw_quotes
        .iter()
        .map(|q| Span::new(q.open, q.close))
        .collect();

    // Cues of every sentence, and every person named. A sentence's cues
    // are read from that sentence alone, so sentences are read in
    // parallel.
    let cues: Vec<Vec<Cue>> = parallel::map_in_order(sentences, |s| {
        let inside = overlapping(&quoted, s.span);
        let mut cues =
            attribution::find_with(s.span, s.text, inside, rules.attribution(), switches);
        // Held until every sentence is resolved: a long document's cues
        // are many, and growth by doubling leaves most vectors half empty.
        cues.shrink_to_fit();
        cues
    });
    let index = name_index(sentences, &cues, rules);

    // Speakers, in document order.
    let mut resolver = Resolver {
        document,
        index: &index,
        rules,
        last: Vec::new(),
        genders: FxHashMap::default(),
        sentence_end: 0,
        speakers: FxHashSet::default(),
    };
    let mut sentence_cues: Vec<Vec<ResolvedCue>> = Vec::with_capacity(sentences.len());
    for (sentence, sentence_cues_raw) in sentences.iter().zip(&cues) {
        resolver.sentence_end = sentence.span.end;
        let mut resolved = Vec::with_capacity(sentence_cues_raw.len());
        for cue in sentence_cues_raw {
            if let Some(r) = resolver.resolve_cue(cue) {
                resolved.push(r);
            }
        }
        // A later "he" or "she" refers to the sentence's own speaker before
        // one named inside its reported words ("Helen Marsh said Corvane
        // expects …"): the first attribution's subject is the most recent.
        if resolved.len() > 1 {
            resolver.remember_first(resolved.len());
        }
        sentence_cues.push(resolved);
    }

    let voices = voices::of_quotations(
        document,
        sentences,
        &raw_quotes,
        &sentence_cues,
        switches,
        rules.lexicon(),
    );
    let quote_speakers: Vec<Option<&Arc<Speaker>>> =
        voices.iter().map(|v| v.speaker.as_ref()).collect();

    // Each sentence's claim is built from what is resolved above and its
    // own text, so sentences are built in parallel, in order.
    let claims = parallel::map_indexed_in_order(sentences, |i, sentence| {
        let resolved = &sentence_cues[i];
        // The sentence's attribution: a reporting verb's before a subject
        // read only as the speaker of its quotations.
        // An "according to" whose source reports another attribution's
        // words (`According to the post, Ashry said …`) is that one's
        // `reported_by`, not the sentence's speaker.
        let reports_another = resolved
            .iter()
            .any(|c| c.cue.kind != CueKind::Quoting && c.reporter.is_some());
        let main = resolved
            .iter()
            .find(|c| {
                c.cue.kind != CueKind::Subject
                    && !(c.cue.kind == CueKind::According && reports_another)
            })
            .or(resolved.first());
        // Only the quotations that reach into this sentence matter; they
        // are found by binary search, so the pass stays linear.
        let near = quotes_near(&raw_quotes, sentence.span);
        let (near_quotes, near_speakers, near_voices) = (
            &raw_quotes[near.clone()],
            &quote_speakers[near.clone()],
            &voices[near],
        );
        // A sentence inside a quotation that started before it belongs to
        // the quotation's speaker.
        let covering = switches
            .is_on(passes::SENTENCE_INSIDE_QUOTATION)
            .then(|| {
                near_quotes
                    .iter()
                    .zip(near_speakers)
                    .find(|(q, speaker)| {
                        speaker.is_some() && quote_covers(document, q, sentence.span)
                    })
                    .and_then(|(_, speaker)| speaker.cloned())
            })
            .flatten();
        let (speaker, decided_by, reported_by, cue, content) = match main {
            Some(cue) => (
                Some(cue.speaker.clone()),
                Some(cue.cue.found_by),
                cue.reporter.clone().map(Box::new),
                Some(document.slice(cue.cue.span).into()),
                reported_content(document, &cue.cue),
            ),
            None => {
                let content = covering.is_some().then_some(sentence.span);
                let decided_by = covering
                    .is_some()
                    .then_some(passes::SENTENCE_INSIDE_QUOTATION);
                (covering, decided_by, None, None, content)
            }
        };
        let quotes: Vec<Quote> = near_quotes
            .iter()
            .zip(near_voices)
            .filter(|(q, _)| {
                sentence.span.start <= q.span.start && q.span.start < sentence.span.end
            })
            .map(|(q, voice)| Quote {
                span: q.span,
                text: q.text(document),
                speaker: voice.speaker.as_ref().map(|s| s.name.clone()),
                kind: voice.kind,
                decided_by: voice.decided_by,
            })
            .collect();
        let figures = sentence_figures(
            document,
            sentence,
            near_quotes,
            near_speakers,
            resolved,
            speaker.as_deref(),
            rules,
        );
        Claim {
            sentence: sentence.index,
            span: sentence.span,
            text: sentence.text,
            speaker,
            decided_by,
            reported_by,
            cue,
            content,
            // Collected through filters, both had room for four: most hold
            // one quotation or figure.
            quotes: quotes.into_boxed_slice(),
            figures: figures.into_boxed_slice(),
        }
    });
    Claims { claims, warnings }
}

/// A cue with its mentions resolved to speakers.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedCue {
    pub(crate) cue: Cue,
    pub(crate) speaker: Arc<Speaker>,
    pub(crate) reporter: Option<Speaker>,
}

/// The words `cue` attributes, without the cue and its speaker: what
/// follows a cue that opens its clause (`Herrera said that …`), what
/// precedes one that closes it (`…, the ministry said.`). A sentence whose
/// subject is read only as the speaker of its quotations reports no words
/// beyond them (`Lowell thanked the board for “…”`).
fn reported_content(document: &Document, cue: &Cue) -> Option<Span> {
    if cue.kind == CueKind::Subject {
        return None;
    }
    // The attribution as written: the cue and its speaker's phrase, or the
    // phrase of those the speaker speaks for, when it stands elsewhere (a
    // poll's respondents).
    let written =
        if cue.extent.start <= cue.speaker_span.start && cue.speaker_span.end <= cue.extent.end {
            cue.speaker_span
        } else {
            cue.extent
        };
    let attribution_start = cue.span.start.min(written.start);
    let attribution_end = cue.span.end.max(written.end);
    let raw = if cue.trailing {
        Span::new(cue.scope.start, attribution_start)
    } else {
        Span::new(attribution_end, cue.scope.end)
    };
    let content = trim_content(document, raw);
    (!content.is_empty()).then_some(content)
}

/// `span` without the whitespace, separating punctuation and
/// complementiser ("that") at its edges.
fn trim_content(document: &Document, span: Span) -> Span {
    const EDGE: &[char] = &[',', ';', ':', '—', '–', '-', '.'];
    let text = document.slice(span);
    let mut start = 0;
    let mut end = text.len();
    loop {
        let rest = &text[start..end];
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || EDGE.contains(&c));
        let mut next = start + (rest.len() - trimmed.len());
        let lower = trimmed.get(..5).map(str::to_ascii_lowercase);
        if lower.as_deref() == Some("that ") {
            next += 5;
        }
        if next == start {
            break;
        }
        start = next;
    }
    let trim_end = |end: usize| {
        start
            + text[start..end]
                .trim_end_matches(|c: char| c.is_whitespace() || EDGE.contains(&c))
                .len()
    };
    end = trim_end(end);
    // `…, as described by the auditor`: the "as" belongs to the
    // attribution.
    if text[start..end].to_ascii_lowercase().ends_with(" as") {
        end = trim_end(end - 3);
    }
    Span::new(span.start + start, span.start + end.max(start))
}

/// The indexes of the quotations (in document order, never overlapping)
/// whose marks reach into `sentence`.
fn quotes_near(quotes: &[quotes::RawQuote], sentence: Span) -> std::ops::Range<usize> {
    let first = quotes.partition_point(|q| q.close <= sentence.start);
    let last = quotes.partition_point(|q| q.open < sentence.end);
    first..last.max(first)
}

/// The spans of `spans` that overlap `within`.
fn overlapping(spans: &[Span], within: Span) -> &[Span] {
    let first = spans.partition_point(|s| s.end <= within.start);
    let last = spans.partition_point(|s| s.start < within.end);
    &spans[first..last.max(first)]
}

/// Whether the sentence at `sentence` is inside `quote`: the quotation
/// started before it, or the sentence opens with it.
fn quote_covers(document: &Document, quote: &quotes::RawQuote, sentence: Span) -> bool {
    let started_before = quote.span.start < sentence.start && sentence.start < quote.span.end;
    let opens_sentence = sentence.start <= quote.open
        && quote.open < sentence.end
        && document.text[sentence.start..quote.open].trim().is_empty();
    started_before || opens_sentence
}

/// Every person the document names: speakers of cues, and role-name pairs
/// anywhere ("signed by external affairs minister S Jaishankar").
fn name_index(sentences: &[Sentence<'_>], cues: &[Vec<Cue>], rules: &RuleSet) -> NameIndex {
    let mut index = NameIndex::default();
    for cue in cues.iter().flatten() {
        let mentions = std::iter::once((&cue.speaker, cue.speaker_span))
            .chain(cue.reporter.as_ref().map(|(m, s)| (m, *s)));
        for (mention, span) in mentions {
            if let Mention::Person { name, role } = mention {
                index.add(
                    name,
                    span.start,
                    role.as_ref().map(|r| (r.text.clone(), r.id)),
                );
            }
        }
    }
    // What each sentence writes of people is read from that sentence
    // alone, so sentences are read in parallel; the index is then filled
    // in document order, as a loop reading them one by one would.
    let written = parallel::map_in_order(sentences, |sentence| WrittenNames {
        with_roles: names_after_roles(sentence, rules),
        runs: name_runs(sentence.text, rules.lexicon()),
        descriptions: descriptions(sentence.text, rules.attribution()),
    });
    for (sentence, names) in sentences.iter().zip(&written) {
        for (at, name, role) in &names.with_roles {
            index.add(name, sentence.span.start + at, Some(role.clone()));
        }
    }
    // Any other run of two or more name words ("Her aide, Luis Ferro,
    // spoke"), so that a later surname finds its full form. Runs repeat
    // ("European Union"), so each is read once.
    let mut distinct: Vec<&str> = Vec::new();
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for names in &written {
        for &(_, run) in &names.runs {
            if seen.insert(run) {
                distinct.push(run);
            }
        }
    }
    let people = parallel::map_in_order(&distinct, |run| person_of_run(run, rules));
    let read: FxHashMap<&str, Option<NamedPerson>> = distinct.into_iter().zip(people).collect();
    for (sentence, names) in sentences.iter().zip(&written) {
        for &(start, run) in &names.runs {
            if let Some(Some((name, role))) = read.get(run) {
                index.add(name, sentence.span.start + start, role.clone());
            }
        }
        for (at, name, head) in &names.descriptions {
            index.describe(name, head, sentence.span.start + at);
        }
    }
    index.finish();
    index
}

/// What one sentence writes of people, for [`name_index`]; offsets are
/// within the sentence.
struct WrittenNames<'t> {
    /// Names right after a role ("minister S Jaishankar"): where the name
    /// starts, the name, and the role as written with its index.
    with_roles: Vec<(usize, String, (String, usize))>,
    /// Runs of two or more name words.
    runs: Vec<(usize, &'t str)>,
    /// People the sentence describes, with the describing noun.
    descriptions: Vec<(usize, String, String)>,
}

/// The names `sentence` writes right after a role ("signed by external
/// affairs minister S Jaishankar"), with the role as written.
fn names_after_roles(
    sentence: &Sentence<'_>,
    rules: &RuleSet,
) -> Vec<(usize, String, (String, usize))> {
    let mut found_names = Vec::new();
    for found in rules.attribution().role_names.find_iter(sentence.text) {
        let rest = &sentence.text[found.end..];
        let name: Vec<&str> = rest
            .split_whitespace()
            .take_while(|w| {
                let w = w.trim_end_matches([',', '.', ';', ':']);
                w.chars().next().is_some_and(char::is_uppercase)
                    || rules.lexicon().is_lower(w, WordClass::NameParticle)
            })
            .collect();
        // Stop at the first word that carried punctuation.
        let mut words = Vec::new();
        for word in name {
            let bare = word.trim_end_matches([',', '.', ';', ':', '’', '\'']);
            words.push(bare);
            if bare.len() != word.len() {
                break;
            }
        }
        while words
            .last()
            .is_some_and(|w| !w.chars().next().is_some_and(char::is_uppercase))
        {
            words.pop();
        }
        if words.is_empty() || rules.attribution().role_names.contains(&words.join(" ")) {
            continue;
        }
        let role = sentence.text
            [role_start(sentence.text, found.start, rules.lexicon())..found.end]
            .to_string();
        if let Some(Mention::Person { name, .. }) =
            mention::parse(&words.join(" "), rules.attribution())
        {
            found_names.push((found.end, name, (role, *found.value)));
        }
    }
    found_names
}

/// The person a run of name words names, if it reads as one of two or
/// more words.
fn person_of_run(run: &str, rules: &RuleSet) -> Option<NamedPerson> {
    match mention::parse(run, rules.attribution()) {
        Some(Mention::Person { name, role }) if name.split_whitespace().count() >= 2 => {
            Some((name, role.map(|r| (r.text, r.id))))
        }
        _ => None,
    }
}

/// The people `text` describes, with the noun that describes them: in an
/// apposition (`Okafor, an Ohio-born developer,`) or right before the name
/// (`developer Ada Okafor`). Offsets are of the name.
fn descriptions(
    text: &str,
    rules: &crate::rules::AttributionRules,
) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase()
    };
    let is_describing = |noun: &str| {
        let singular = noun.strip_suffix('s').unwrap_or(noun);
        rules.descriptions.contains(noun)
            || rules.descriptions.contains(singular)
            || rules.role_names.contains(noun)
    };
    let capitalised = |w: &str| {
        w.trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    // The name whose last word is `words[end]`: its capitalised words back
    // to the first, honorifics included.
    let name_ending = |end: usize| {
        let mut first = end;
        while first > 0
            && capitalised(words[first - 1].1)
            && !words[first - 1].1.ends_with([',', ';', ':'])
        {
            first -= 1;
        }
        let start = words[first].0;
        let stop = words[end].0 + words[end].1.trim_end_matches([',', '.', ';', ':']).len();
        (start, &text[start..stop])
    };
    for i in 0..words.len() {
        let (_, word) = words[i];
        // `Name, a|an|the … noun,`
        if word.ends_with(',')
            && capitalised(word)
            && i + 2 < words.len()
            && ["a", "an", "the"].contains(&words[i + 1].1.to_lowercase().as_str())
        {
            let apposition = words[i + 2..]
                .iter()
                .take(8)
                .take_while(|(_, w)| !w.ends_with(['.', ';']));
            let mut head = None;
            for (_, w) in apposition {
                head = Some(bare(w));
                if w.ends_with(',') {
                    break;
                }
            }
            if let Some(head) = head.filter(|h| is_describing(h)) {
                let (start, name) = name_ending(i);
                if let Some(Mention::Person { name, .. }) = mention::parse(name, rules) {
                    found.push((start, name, head));
                }
            }
        }
        // `noun Name`
        if i + 1 < words.len()
            && !capitalised(word)
            && capitalised(words[i + 1].1)
            && !word.ends_with([',', '.', ';', ':'])
        {
            let noun = bare(word);
            if is_describing(&noun) {
                let mut end = i + 1;
                while end + 1 < words.len()
                    && capitalised(words[end + 1].1)
                    && !words[end].1.ends_with([',', '.', ';', ':'])
                {
                    end += 1;
                }
                let (start, _) = name_ending(i + 1);
                let stop = words[end].0 + words[end].1.trim_end_matches([',', '.', ';', ':']).len();
                if let Some(Mention::Person { name, .. }) =
                    mention::parse(&text[start..stop], rules)
                {
                    found.push((start, name, noun));
                }
            }
        }
    }
    found
}

/// A person's name and the role given with it (as written, and its index).
type NamedPerson = (String, Option<(String, usize)>);

/// Runs of two or more capitalised words (name particles allowed inside)
/// in `text`, with their offsets; the sentence's first word is left out
/// since every sentence capitalises it.
fn name_runs<'t>(text: &'t str, lexicon: &Lexicon) -> Vec<(usize, &'t str)> {
    let mut runs = Vec::new();
    let mut current: Option<(usize, usize, usize)> = None; // start, end, words
    let words = text.split_whitespace().map(|w| {
        let offset = w.as_ptr() as usize - text.as_ptr() as usize;
        (offset, w)
    });
    for (index, (offset, raw)) in words.enumerate() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        // Every sentence capitalises its first word: it starts a name only
        // if it is no function word ("Tom Reyes met", not "The Union").
        let opening_word = index == 0
            && lexicon
                .tag(&word.to_lowercase())
                .has_any(WordClass::ClauseWord | WordClass::Determiner);
        let capitalised = !opening_word && word.chars().next().is_some_and(char::is_uppercase);
        // Asked only inside a run: most words are not in one.
        let particle = || lexicon.is_lower(word, WordClass::NameParticle);
        let ends_phrase = raw.ends_with([',', '.', ';', ':', '!', '?', ')', '”', '"', '’']);
        if capitalised || (current.is_some() && particle()) {
            let start = offset + raw.find(word).unwrap_or(0);
            let end = start + word.len();
            current = Some(match current {
                Some((s, _, n)) => (s, end, n + 1),
                None => (start, end, 1),
            });
        } else if let Some(run) = current.take() {
            runs.push(run);
        }
        if ends_phrase {
            runs.extend(current.take());
        }
    }
    runs.extend(current);
    runs.into_iter()
        .filter(|&(_, _, n)| n >= 2)
        .map(|(s, e, _)| (s, &text[s..e]))
        .collect()
}

/// Where the role whose head word starts at `head` begins: its modifiers
/// are read back ("EU foreign and security policy chief") until a word that
/// cannot modify a role, punctuation, or an "and" after a name ("S
/// Jaishankar and EU … chief").
fn role_start(text: &str, head: usize, lexicon: &Lexicon) -> usize {
    let mut start = head;
    let before = &text[..head];
    // Read back from the role, word by word, only as far as the role's
    // modifiers go: collecting every word before it cost a long sentence
    // of many roles its length once per role.
    let mut words = before.split_whitespace().rev().peekable();
    while let Some(word) = words.next() {
        let lower = word.to_lowercase();
        // A word that cannot modify a role ends it.
        if word.ends_with([',', ';', ':', '.', '”', '"'])
            || lexicon.is_lower(&lower, WordClass::BeforeARole)
        {
            break;
        }
        if lower == "and" {
            // The word before "and" is the next one read back.
            let joins_modifiers = words
                .peek()
                .is_some_and(|previous| previous.chars().next().is_some_and(char::is_lowercase));
            if !joins_modifiers {
                break;
            }
        }
        start = word.as_ptr() as usize - text.as_ptr() as usize;
    }
    start
}

/// How many recent speakers a gendered pronoun looks back over for one
/// known to match it.
const GENDER_WINDOW: usize = 3;

/// The gender a personal pronoun gives: "he" a man, "she" a woman.
fn pronoun_gender(written: &str) -> Option<Gender> {
    match written.trim().to_lowercase().as_str() {
        "he" | "his" => Some(Gender::Male),
        "she" | "her" => Some(Gender::Female),
        _ => None,
    }
}

/// How many words after a pronoun speaker ("She said Rubio …") are read
/// for a name that is therefore not the pronoun's referent.
const PRONOUN_CLAUSE_WORDS: usize = 4;

/// Resolves mentions to speakers in document order.
struct Resolver<'a> {
    document: &'a Document,
    index: &'a NameIndex,
    rules: &'a RuleSet,
    /// Speakers who were subjects of cues, most recent last.
    last: Vec<Speaker>,
    /// What the document has shown of speakers' genders, by canonical name.
    genders: FxHashMap<CompactString, Gender>,
    /// Where the sentence whose cues are being resolved ends.
    sentence_end: usize,
    /// Each speaker resolved so far, once.
    speakers: FxHashSet<Arc<Speaker>>,
}

impl Resolver<'_> {
    /// Moves the subject of the first of the last `count` attributions to
    /// the end of the speakers pronouns look back over.
    fn remember_first(&mut self, count: usize) {
        if let Some(at) = self.last.len().checked_sub(count) {
            let first = self.last.remove(at);
            self.last.push(first);
        }
    }

    fn resolve_cue(&mut self, cue: &Cue) -> Option<ResolvedCue> {
        let reporter = cue
            .reporter
            .as_ref()
            .and_then(|(mention, span)| self.resolve(mention, *span, false));
        let continuing = self.document.slice(cue.span).split_whitespace().any(|w| {
            self.rules
                .lexicon()
                .is(&w.to_lowercase(), WordClass::ContinuationCue)
        });
        let speaker = self.resolve(&cue.speaker, cue.speaker_span, continuing)?;
        // Learn a gender from an honorific ("Mrs Varga") or from a "he" or
        // "she" that resolved to this speaker.
        let written = self.document.slice(cue.speaker_span);
        let first_word = written.split_whitespace().next().unwrap_or("");
        let learned = pronoun_gender(written)
            .or_else(|| self.rules.attribution().honorific_gender(first_word))
            .or_else(|| self.rules.attribution().name_gender(&speaker.name));
        if let Some(gender) = learned.filter(|_| speaker.kind == SpeakerKind::Person) {
            self.genders.entry(speaker.name.clone()).or_insert(gender);
        }
        // The grammatical subject is who later pronouns refer to: for
        // `X quoted Y as saying`, X.
        let subject = match (&cue.kind, &reporter) {
            (CueKind::Quoting, Some(reporter)) => reporter.clone(),
            _ => speaker.clone(),
        };
        self.last.push(subject);
        let speaker = match self.speakers.get(&speaker) {
            Some(known) => Arc::clone(known),
            None => {
                let shared = Arc::new(speaker);
                self.speakers.insert(Arc::clone(&shared));
                shared
            }
        };
        Some(ResolvedCue {
            cue: cue.clone(),
            speaker,
            reporter,
        })
    }

    /// What the document has shown of `speaker`'s gender, or their first
    /// name says.
    fn gender_of(&self, speaker: &Speaker) -> Option<Gender> {
        if speaker.kind != SpeakerKind::Person {
            return None;
        }
        self.genders
            .get(&speaker.name)
            .copied()
            .or_else(|| self.rules.attribution().name_gender(&speaker.name))
    }

    /// The speaker `mention` (written at `span`) names; `continuing` when
    /// its cue goes on with the last speaker's words ("he added").
    fn resolve(&self, mention: &Mention, span: Span, continuing: bool) -> Option<Speaker> {
        let written = self.document.slice(span).to_string();
        match mention {
            Mention::Person { name, role } => {
                let canonical = self.index.canonical(name, span.start);
                let role = role
                    .as_ref()
                    .map(|r| CompactString::from(r.text.as_str()))
                    .or_else(|| self.index.role_of(&canonical).map(CompactString::from));
                Some(Speaker {
                    name: CompactString::from(canonical),
                    mention: CompactString::from(written),
                    role,
                    kind: SpeakerKind::Person,
                })
            }
            Mention::Role(role) => {
                // "a top aide" is someone not named, not the aide the
                // document named before.
                let indefinite = self
                    .rules
                    .lexicon()
                    .opens_with(&written, WordClass::IndefiniteDeterminer);
                let holder = (!indefinite)
                    .then(|| {
                        self.index.holder_of(
                            role.id,
                            span.start,
                            &self.document.text,
                            self.rules.attribution(),
                        )
                    })
                    .flatten();
                Some(Speaker {
                    name: CompactString::from(holder.unwrap_or_else(|| role.text.clone())),
                    mention: CompactString::from(written),
                    role: Some(CompactString::from(role.text.as_str())),
                    kind: SpeakerKind::Person,
                })
            }
            Mention::Pronoun(kind) => {
                let wanted = |s: &&Speaker| match kind {
                    // "a nurse told …. “…,” she said."
                    SpeakerKind::Person => {
                        matches!(s.kind, SpeakerKind::Person | SpeakerKind::Description)
                    }
                    SpeakerKind::Organisation => s.kind == SpeakerKind::Organisation,
                    _ => s.kind != SpeakerKind::Person,
                };
                // A pronoun is not someone named as the subject of the
                // words it reports, a few words on: "She said Rubio “has
                // failed …”" is not Rubio speaking. (A possessive may be
                // the speaker's own: "she said of Fiorina's plan".)
                let after = self
                    .document
                    .text
                    .get(span.end..self.sentence_end.max(span.end))
                    .unwrap_or_default();
                let named_after = |name: &str| {
                    let surname = name.split_whitespace().last().unwrap_or(name);
                    after
                        .split_whitespace()
                        .take(PRONOUN_CLAUSE_WORDS)
                        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
                        .any(|word| word == surname)
                };
                let wanted = |s: &&Speaker| wanted(s) && !named_after(&s.name);
                // "she" skips a speaker shown to be a man, "he" a woman.
                let gender = pronoun_gender(&written);
                let compatible = |s: &&Speaker| match (gender, self.gender_of(s)) {
                    (Some(wanted), Some(known)) => wanted == known,
                    _ => true,
                };
                // A recent speaker known to match ("she" after a woman
                // spoke, then a man of unknown gender) wins over the most
                // recent one merely not known to differ.
                let known_match = |s: &&Speaker| gender.is_some() && self.gender_of(s) == gender;
                // "“…,” he added" goes on with the last speaker, if they
                // may be a "he".
                let last_speaker = self.last.last().filter(|s| wanted(s) && compatible(s));
                let recent_match = self
                    .last
                    .iter()
                    .rev()
                    .filter(wanted)
                    .take(GENDER_WINDOW)
                    .find(known_match)
                    .filter(|_| !(continuing && last_speaker.is_some()));
                if let Some(referent) =
                    recent_match.or_else(|| self.last.iter().rev().filter(wanted).find(compatible))
                {
                    return Some(Speaker {
                        mention: CompactString::from(written),
                        ..referent.clone()
                    });
                }
                // Nobody has spoken yet: "he" or "she" is the person the
                // document named last ("Kallas visited Delhi. “…,” she said").
                if *kind != SpeakerKind::Person {
                    return None;
                }
                let name = self
                    .index
                    .named_before(span.start)
                    .filter(|name| !named_after(name))
                    .find(|name| {
                        match (
                            gender,
                            self.genders
                                .get(name.as_str())
                                .copied()
                                .or_else(|| self.rules.attribution().name_gender(name)),
                        ) {
                            (Some(wanted), Some(known)) => wanted == known,
                            _ => true,
                        }
                    })?;
                Some(Speaker {
                    role: self.index.role_of(&name).map(CompactString::from),
                    name: CompactString::from(name),
                    mention: CompactString::from(written),
                    kind: SpeakerKind::Person,
                })
            }
            // "The Ohio-born developer" after "Okafor, an Ohio-born
            // developer": the person so described.
            Mention::Description { head, .. }
                if written.to_lowercase().starts_with("the ")
                    && let Some(person) = self.index.described_as(head, span.start) =>
            {
                Some(Speaker {
                    role: Some(
                        written
                            .trim_start_matches(|c: char| !c.is_whitespace())
                            .trim()
                            .into(),
                    ),
                    name: CompactString::from(person),
                    mention: CompactString::from(written),
                    kind: SpeakerKind::Person,
                })
            }
            Mention::Description { name, .. } => Some(Speaker {
                name: CompactString::from(name.as_str()),
                mention: CompactString::from(written),
                role: None,
                kind: SpeakerKind::Description,
            }),
            // "Israel said" after "Rep. Steve Israel": a surname that is
            // also a country's or a firm's name is the person named.
            Mention::Other { name, .. }
                if let Some(person) = self.index.person_with_surname(name, span.start) =>
            {
                Some(Speaker {
                    role: self.index.role_of(&person).map(CompactString::from),
                    name: CompactString::from(person),
                    mention: CompactString::from(written),
                    kind: SpeakerKind::Person,
                })
            }
            Mention::Other { name, kind } => Some(Speaker {
                name: CompactString::from(name.as_str()),
                mention: CompactString::from(written),
                role: None,
                kind: *kind,
            }),
        }
    }
}

/// The figures of a sentence, each with the speaker whose voice it is in.
fn sentence_figures(
    document: &Document,
    sentence: &Sentence<'_>,
    quotes: &[quotes::RawQuote],
    quote_speakers: &[Option<&Arc<Speaker>>],
    cues: &[ResolvedCue],
    sentence_speaker: Option<&Speaker>,
    rules: &RuleSet,
) -> Vec<Figure> {
    let found = figures::find(sentence.text, rules.figures());
    if found.is_empty() {
        return Vec::new();
    }
    // Numbers inside a group's name ("the two sides") name the group.
    let groups: Vec<Span> = rules
        .attribution()
        .groups
        .find_iter(sentence.text)
        .map(|m| Span::new(m.start, m.end))
        .collect();
    found
        .into_iter()
        .filter(|f| {
            !groups
                .iter()
                .any(|g| g.start <= f.span.start && f.span.start < g.end)
        })
        .map(|found| {
            let span = Span::new(
                sentence.span.start + found.span.start,
                sentence.span.start + found.span.end,
            );
            // The quotations are in order: the one that could hold the
            // figure is found by binary search.
            let next = quotes.partition_point(|q| q.span.start <= span.start);
            let in_quote = next
                .checked_sub(1)
                .filter(|&i| span.end <= quotes[i].span.end);
            let speaker = match in_quote {
                Some(i) => quote_speakers[i].map(|s| s.name.clone()),
                None => cues
                    .iter()
                    .find(|c| c.cue.scope.start <= span.start && span.end <= c.cue.scope.end)
                    .map(|c| c.speaker.name.clone())
                    .or_else(|| {
                        cues.is_empty()
                            .then(|| sentence_speaker.map(|s| s.name.clone()))
                            .flatten()
                    }),
            };
            Figure {
                span,
                text: document.slice(span).into(),
                kind: found.kind,
                value: found.value,
                unit: found.unit.map(CompactString::from),
                qualifier: found.qualifier.map(CompactString::from),
                speaker,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bounds::{MAX_EMPTY_SENTENCE_BYTES, MAX_EMPTY_SENTENCES};
    use crate::document::Format;

    fn read_text(text: String, format: Format) -> (Vec<(String, String)>, Vec<Warning>) {
        let rules = RuleSet::builtin();
        let document = Document::from_text("t".into(), text, format);
        let claims = read(&document, &rules);
        let listed = claims
            .claims
            .iter()
            .map(|c| (c.id().to_string(), c.text.to_string()))
            .collect();
        (listed, claims.warnings)
    }

    #[test]
    fn sentences_without_content_past_the_limit_are_counted_not_claimed() {
        let extra = 7;
        let text = format!(
            "The port opened.\n\n{}The ships came.\n",
            "X.\n\n".repeat(MAX_EMPTY_SENTENCES + extra)
        );
        let (claims, warnings) = read_text(text, Format::Plain);
        assert_eq!(claims.len(), MAX_EMPTY_SENTENCES + 2);
        // Ids are each sentence's place among all of them.
        let last = claims.last().unwrap();
        assert_eq!(last.1, "The ships came.");
        assert_eq!(last.0, format!("c{}", MAX_EMPTY_SENTENCES + extra + 2));
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .message
                .starts_with(&format!("{extra} sentences without content"))
        );
        // At the first one left out.
        let first_left_out = "The port opened.\n\n".len() + 4 * MAX_EMPTY_SENTENCES;
        assert_eq!(
            warnings[0].span,
            Span::new(first_left_out, first_left_out + 1)
        );
    }

    #[test]
    fn a_long_sentence_without_content_is_never_a_claim() {
        let marks = "_".repeat(MAX_EMPTY_SENTENCE_BYTES + 1);
        let (claims, warnings) = read_text(format!("{marks}\n\nIt rained.\n"), Format::Plain);
        assert_eq!(claims, [("c2".to_string(), "It rained.".to_string())]);
        assert!(
            warnings[0]
                .message
                .starts_with("1 sentence without content")
        );
    }

    #[test]
    fn quotations_and_citations_keep_a_sentence_without_content() {
        let text = format!(
            "{}“…\n\n“We won,” he said.\n\nA.[^1]\n\nB.\n\n[^1]: a.txt\n",
            "X.\n\n".repeat(MAX_EMPTY_SENTENCES)
        );
        let (claims, warnings) = read_text(text, Format::Markdown);
        let texts: Vec<&str> = claims.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts[MAX_EMPTY_SENTENCES..],
            ["“…", "“We won,” he said.", "A."]
        );
        assert!(
            warnings[0]
                .message
                .starts_with("1 sentence without content")
        );
    }

    #[test]
    fn every_sentence_of_real_copy_is_a_claim() {
        let text = "Pact signed\n\n___.\n\nX.\n\n“…\n\nThe deal, he said, was done.\n".to_string();
        let rules = RuleSet::builtin();
        let document = Document::from_text("t".into(), text, Format::Plain);
        let sentences = segment::sentences(&document, &rules);
        assert_eq!(
            read(&document, &rules),
            extract(&document, &sentences, &rules)
        );
    }
}

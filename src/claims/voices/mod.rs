//! Whose voice each quotation is in.
//!
//! Every quotation is tied to the attribution that governs it, tried in
//! this order (each step is a named pass of [`passes::GOVERNING`]):
//!
//! 1. an attribution right after its closing mark, with only punctuation
//!    between (`“…,” Smith said`, `“…,” said Smith`, `“…” ― Smith`);
//! 2. one right before its opening mark (`Smith said, “…”`, `Smith said:
//!    “…”`, `He put it this way: “…”`, `“…,” Smith said, “…”` for the
//!    second part);
//! 3. the first one after it in its sentence with only a few words that
//!    could describe the speaker between (`“…,” another friend, Mariam
//!    Emara told CNN`);
//! 4. the nearest one before it in its sentence (`Smith said the plan was
//!    “dead on arrival”`);
//! 5. any one in its sentences whose scope covers it (`“…” is how Smith
//!    put it`);
//! 6. the one that closes the sentence it ends in.
//!
//! With none, a quotation of speech that opens its sentence continues the
//! quotation before it when that one ended in the same or the previous
//! paragraph (the convention of a quote paragraph without a cue), or the
//! report of the sentence before it when that stands nearer (`Hardy
//! recalled how … . “We lost …”`), until the next quotation in its
//! paragraph names a speaker, whose speaker it then takes
//! ([`passes::WITHOUT_CUE`], [`passes::NEXT_QUOTATION_IN_PARAGRAPH`]).
//!
//! An attribution found by 2 or 4 that does not introduce the quotation
//! with a comma or colon, but stands inside someone else's reported words,
//! gives way to that reporter: the attribution that closes the sentence
//! (`X signals “…” for the EU, said Wilders`), else the outermost one whose
//! words hold it (`Rask said that Solberg shows “…”` is Rask's). These and
//! the other "except when …" cases are named in [`passes::EXCEPTIONS`].
//!
//! Each quotation's [`Voice`] records the pass that decided its speaker.
//!
//! A quotation is also read for what it is ([`QuoteKind`]): speech, a
//! title (`the book “…”`, `an ad titled “…”`: nobody's words), or a term of
//! one or two words in scare quotes, which is only someone's when an
//! attribution covers it (`Trump called it “disgraceful”`).

pub(crate) mod passes;

use serde::Serialize;

use super::ResolvedCue;
use super::quotes::RawQuote;
use crate::claims::passes::Switches;
use crate::document::Document;
use crate::rules::attribution::{CueKind, SpeakerKind};
use crate::rules::{Lexicon, WordClass};
use crate::segment::Sentence;

/// What a quotation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Someone's words.
    Speech,
    /// The title of a work, an ad, a headline, a slogan: quoted, but
    /// nobody's speech.
    Title,
    /// A word or two in quotation marks: a term, not a statement.
    Term,
}

/// The most words between a closing mark and the attribution after it.
const MAX_GAP_WORDS: usize = 6;

/// The most words a quotation of a term may have.
const MAX_TERM_WORDS: usize = 2;

/// A quotation's speaker and kind, and the pass that decided the speaker.
#[derive(Clone, Debug)]
pub(crate) struct Voice {
    pub(crate) speaker: Option<std::sync::Arc<super::Speaker>>,
    pub(crate) kind: QuoteKind,
    /// The name of the pass (or exception) that decided `speaker`; `None`
    /// when there is no speaker.
    pub(crate) decided_by: Option<&'static str>,
}

/// The attribution governing a quotation and the pass that found it.
pub(crate) struct Governing<'c> {
    pub(crate) cue: &'c ResolvedCue,
    pub(crate) by: &'static str,
}

impl<'c> Governing<'c> {
    fn by(by: &'static str, cue: &'c ResolvedCue) -> Governing<'c> {
        Governing { cue, by }
    }
}

/// What every quotation of a document is read with: the document, its
/// sentences and their attributions, the quotations, the passes switched
/// on and the word classes.
struct Reading<'a, 'c> {
    document: &'a Document,
    sentences: &'a [Sentence<'a>],
    quotes: &'a [RawQuote],
    cues: &'c [Vec<ResolvedCue>],
    switches: &'a Switches,
    lexicon: &'a Lexicon,
}

/// One quotation with what the passes look at around it: the document,
/// its sentences and their attributions, the quotations and the voices
/// decided so far.
pub(crate) struct Around<'a, 'c> {
    document: &'a Document,
    sentences: &'a [Sentence<'a>],
    quotes: &'a [RawQuote],
    cues: &'c [Vec<ResolvedCue>],
    /// The voices of the quotations before this one.
    voices: &'a [Voice],
    switches: &'a Switches,
    /// The word classes the passes ask.
    lexicon: &'a Lexicon,
    /// The quotation's index in `quotes`.
    index: usize,
    quote: &'a RawQuote,
    /// The sentences the quotation opens and closes in.
    first: usize,
    last: usize,
    /// Where the next quotation opens (`usize::MAX` for none).
    next_quote: usize,
}

/// The speaker and kind of each quotation, in order, with the pass that
/// decided each speaker; passes `switches` turns off are skipped.
pub(crate) fn of_quotations(
    document: &Document,
    sentences: &[Sentence<'_>],
    quotes: &[RawQuote],
    cues: &[Vec<ResolvedCue>],
    switches: &Switches,
    lexicon: &Lexicon,
) -> Vec<Voice> {
    let block_of = |at: usize| document.blocks.index_of(at);
    let reading = Reading {
        document,
        sentences,
        quotes,
        cues,
        switches,
        lexicon,
    };
    let mut voices: Vec<Voice> = Vec::with_capacity(quotes.len());
    let mut pending: Vec<usize> = Vec::new();
    for (qi, quote) in quotes.iter().enumerate() {
        if sentences.is_empty() {
            voices.push(Voice {
                speaker: None,
                kind: QuoteKind::Speech,
                decided_by: None,
            });
            continue;
        }
        let around = Around::new(&reading, &voices, qi);
        let kind = kind_of(document, quote, &cues[around.first], lexicon);
        // Whether the speaker is only a guess a later quotation may replace.
        let mut provisional = false;
        let (speaker, decided_by) = match kind {
            QuoteKind::Title => (None, None),
            QuoteKind::Term => match passes::governing(&around, switches) {
                Some(governing) => (Some(governing.cue.speaker.clone()), Some(governing.by)),
                None => (None, None),
            },
            QuoteKind::Speech => match passes::governing(&around, switches) {
                Some(governing) => (Some(governing.cue.speaker.clone()), Some(governing.by)),
                None => match passes::without_cue(&around, switches) {
                    Some((continuation, by)) => {
                        provisional = continuation.provisional;
                        (Some(continuation.speaker), Some(by))
                    }
                    None => {
                        provisional = true;
                        (None, None)
                    }
                },
            },
        };
        // A quotation left without a speaker takes the next one's in its
        // paragraph (`“A.” “B,” she said.`).
        if kind == QuoteKind::Speech && speaker.is_some() && !provisional {
            let block = block_of(quote.open);
            let next_quotation = switches.is_on(passes::NEXT_QUOTATION_IN_PARAGRAPH);
            for waiting in pending.drain(..) {
                if next_quotation && block_of(quotes[waiting].open) == block {
                    voices[waiting].speaker = speaker.clone();
                    voices[waiting].decided_by = Some(passes::NEXT_QUOTATION_IN_PARAGRAPH);
                }
            }
        }
        voices.push(Voice {
            speaker,
            kind,
            decided_by,
        });
        if provisional {
            pending.push(qi);
        }
    }
    voices
}

impl<'a, 'c> Around<'a, 'c> {
    fn new(reading: &Reading<'a, 'c>, voices: &'a [Voice], index: usize) -> Around<'a, 'c> {
        let Reading {
            document,
            sentences,
            quotes,
            cues,
            switches,
            lexicon,
        } = *reading;
        let sentence_of = |at: usize| {
            sentences
                .partition_point(|s| s.span.end <= at)
                .min(sentences.len().saturating_sub(1))
        };
        let quote = &quotes[index];
        Around {
            document,
            sentences,
            quotes,
            cues,
            voices,
            switches,
            lexicon,
            index,
            quote,
            first: sentence_of(quote.open),
            last: sentence_of(quote.close.saturating_sub(1)),
            next_quote: quotes.get(index + 1).map_or(usize::MAX, |q| q.open),
        }
    }

    /// The index of the block (paragraph) holding the byte at `at`.
    fn block_of(&self, at: usize) -> usize {
        self.document.blocks.index_of(at)
    }

    /// Whether `from..to` holds only punctuation and `allowed_words`.
    fn between(&self, from: usize, to: usize, allowed_words: &[&str]) -> bool {
        from <= to
            && self.document.text.get(from..to).is_some_and(|gap| {
                gap.split_whitespace().all(|w| {
                    w.chars().all(|c| ",;:—–―-()".contains(c))
                        || allowed_words.contains(&w.to_lowercase().trim_end_matches([',', ':']))
                })
            })
    }

    /// The first attribution after the closing mark, close enough and
    /// with no other quotation or clause break between (`“…,” another
    /// friend, Mariam Emara told CNN`), unless it yields to one before.
    fn after(&self) -> Option<&'c ResolvedCue> {
        let quote = self.quote;
        self.cues[self.last]
            .iter()
            .filter(|c| c.cue.extent.start >= quote.close && c.cue.span.start < self.next_quote)
            .filter(|c| !self.introduces_what_follows(c))
            .min_by_key(|c| c.cue.extent.start)
            .filter(|c| {
                self.document
                    .text
                    .get(quote.close..c.cue.extent.start)
                    .is_some_and(|gap| {
                        let words: Vec<String> = gap
                            .split_whitespace()
                            .map(|w| {
                                w.trim_matches(|c: char| !c.is_alphanumeric())
                                    .to_lowercase()
                            })
                            .filter(|w| !w.is_empty())
                            .collect();
                        // Only words that could describe the speaker: no verb
                        // or conjunction that starts a clause of its own,
                        // but the "as" of `“…,” as Cruz said`.
                        words.len() <= MAX_GAP_WORDS
                            && !gap.contains([';', ':', '—', '.', '?', '!'])
                            && words.iter().enumerate().all(|(i, w)| {
                                let classes = self.lexicon.tag(w);
                                !classes.has(WordClass::ClauseWord)
                                    || classes.has(WordClass::Determiner)
                                    || (i == 0 && w == "as")
                            })
                    })
            })
            .filter(|c| !self.yields(c))
    }

    /// Whether `c`, before the quotation, reports words that hold it.
    fn holds_it(&self, c: &ResolvedCue) -> bool {
        !c.cue.quote_only
            && c.cue.span.end <= self.quote.open
            && c.cue.scope.start <= self.quote.open
            && c.cue.scope.end >= self.quote.close
    }

    /// Whether the quotation stands in a subordinate clause opening its
    /// sentence whose verb holds it (`When Holt said he would “…,” the
    /// crowd applauded`).
    fn held_in_subordinate(&self) -> bool {
        let sentence = &self.sentences[self.first];
        let opening = sentence.text.split_whitespace().next().unwrap_or("");
        let first_comma = sentence
            .text
            .find(',')
            .map_or(sentence.span.end, |at| sentence.span.start + at);
        self.lexicon
            .is_lower(&opening.to_lowercase(), WordClass::Subordinator)
            && self.quote.open < first_comma
            && self.cues[self.first]
                .iter()
                .any(|c| self.holds_it(c) && c.cue.span.end <= first_comma)
    }

    /// The attributions before the quotation in its sentence whose reported
    /// words reach it, in order: the nearest last.
    fn holding(&self) -> Vec<&'c ResolvedCue> {
        let quote = self.quote;
        let mut holding: Vec<&'c ResolvedCue> = self.cues[self.first]
            .iter()
            .filter(|c| {
                c.cue.span.end <= quote.open
                    && governs_at_a_distance(c)
                    && c.cue.scope.end >= quote.open
            })
            .collect();
        holding.sort_by_key(|c| c.cue.span.end);
        holding
    }

    /// The attribution that closes the sentence the quotation ends in
    /// (`“… There was no joy” in comparison to Obama, Gingrich said.`).
    fn closing(&self) -> Option<&'c ResolvedCue> {
        self.cues[self.last].iter().find(|c| {
            c.cue.trailing
                && c.cue.extent.start >= self.quote.close
                && c.cue.span.start < self.next_quote
                && !self.yields(c)
        })
    }

    /// Whether `c` introduces the quotation with a comma or colon (`Aides
    /// said Trump told them: “…”`).
    fn introduces(&self, c: &ResolvedCue) -> bool {
        self.document
            .text
            .get(c.cue.extent.end.max(c.cue.span.end)..self.quote.open)
            .is_some_and(|gap| {
                let gap = gap.trim_end();
                gap.ends_with([',', ':']) && gap.split_whitespace().count() <= 3
            })
    }

    /// The attribution closing the sentence, when only a few words stand
    /// between it and the quotation: it holds the words before it,
    /// attributions in them included (`The rejection signals “the
    /// beginning of the end,” said Wilders`).
    fn reported_by_closing(&self) -> Option<&'c ResolvedCue> {
        self.closing().filter(|c| {
            self.document
                .text
                .get(self.quote.close..c.cue.extent.start)
                .is_some_and(|gap| {
                    gap.split_whitespace().count() <= MAX_GAP_WORDS
                        && !gap.contains(['“', '”', '"', ';', ':'])
                })
        })
    }

    /// Whether the quotation opens its sentence.
    fn opens_sentence(&self) -> bool {
        self.document
            .text
            .get(self.sentences[self.first].span.start..self.quote.open)
            .is_some_and(|gap| gap.trim().is_empty())
    }

    /// The sentence before the quotation's and the speaker of its report,
    /// when the quotation opens its sentence in the same or the next
    /// paragraph, or stands in a sentence with no attribution of its own in
    /// the same paragraph.
    fn reported_before(&self) -> Option<(usize, std::sync::Arc<super::Speaker>)> {
        let block = self.block_of(self.sentences[self.first].span.start);
        let unattributed = self.cues[self.first].is_empty();
        self.first
            .checked_sub(1)
            .filter(|&previous| {
                let previous_block = self.block_of(self.sentences[previous].span.start);
                (self.opens_sentence() && block <= previous_block + 1)
                    || (unattributed && block == previous_block)
            })
            .and_then(|previous| {
                self.cues[previous]
                    .iter()
                    .find(|c| c.cue.kind != CueKind::Subject)
                    .map(|c| (previous, c.speaker.clone()))
            })
    }
}

/// Whether `cue`, after `quote`, only introduces the words after it: a
/// participle whose subject stands before the quotation (`Pence blamed the
/// media for … Trump's claim that Obama “…,” saying they …`), or an
/// infinitive (`the “brilliant” decision Trump made to request a debate`).
fn introduces_what_follows(document: &Document, cue: &ResolvedCue, quote: &RawQuote) -> bool {
    let participle =
        cue.cue.speaker_span.end <= quote.open && document.slice(cue.cue.span).ends_with("ing");
    let before = document.text[..cue.cue.span.start].trim_end();
    let before = before.strip_suffix(" have").unwrap_or(before);
    let infinitive = before.ends_with(" to");
    participle || infinitive
}

/// The outermost attribution whose reported words hold `chosen` (`Israel
/// said Clinton called on members to be “…”` is Israel's report), going
/// out through `holding` (the attributions before the quotation, in order)
/// until a new clause starts between two of them (`…, and Smith said`).
fn outermost<'a>(
    document: &Document,
    lexicon: &Lexicon,
    holding: &[&'a ResolvedCue],
    mut chosen: &'a ResolvedCue,
) -> &'a ResolvedCue {
    for outer in holding.iter().rev() {
        if outer.cue.span.end > chosen.cue.extent.start {
            continue;
        }
        let gap = document
            .text
            .get(outer.cue.span.end..chosen.cue.extent.start)
            .unwrap_or(";");
        // A quotation between them is the outer one's own words.
        let quoted_between = gap.contains(['“', '”', '"', '«', '»', '„']);
        // An attribution inside a prepositional phrase is no part of the
        // outer one's reported words (`blamed the media for making an
        // issue out of Trump's claim that “…”`); one right after the verb
        // is (`said of Price's claim that`).
        let words: Vec<&str> = gap.split_whitespace().collect();
        let in_prepositional_phrase = words.len() > 1
            && words
                .last()
                .is_some_and(|w| lexicon.is_lower(&w.to_lowercase(), WordClass::ObjectPreposition));
        let reported = !outer.cue.trailing
            && !in_prepositional_phrase
            && outer.cue.kind != CueKind::According
            && outer.cue.scope.start <= chosen.cue.extent.start
            && !quoted_between
            && !starts_new_clause(gap);
        if !reported {
            break;
        }
        chosen = outer;
    }
    chosen
}

/// Whether `gap`, the words between two attributions, starts a new clause
/// rather than continuing the first one's reported words.
fn starts_new_clause(gap: &str) -> bool {
    const JOINTS: &[&str] = &[
        " and ",
        " but ",
        " while ",
        " whereas ",
        " as ",
        " after ",
        " before ",
        " when ",
        " because ",
        " since ",
        " although ",
        " though ",
        " until ",
        " if ",
        " unless ",
        // a relative clause is its own speaker's: `…, which people familiar
        // with the matter described as “…”`
        " which ",
        " who ",
        " whom ",
        " whose ",
        " where ",
    ];
    // An "and" right before the second attribution's subject joins it to
    // another noun (`wrote that the title and text of the law showed`,
    // `arguing that he and Cruz shared`): no new clause.
    let lower = gap.to_lowercase();
    let lower = lower.trim_end();
    // So does a list of nouns (`wrote that the title, history and text of
    // the law showed`).
    let joined_noun = lower.trim_start().starts_with("that ")
        && lower.split_whitespace().count() <= 8
        && !lower.contains(['"', '“', '”', ';', ':']);
    let lower = if joined_noun {
        lower.replace(',', "")
    } else {
        lower.to_string()
    };
    let lower = lower.as_str();
    let lower = match lower.strip_suffix(" and") {
        Some(before) if joined_noun => before,
        _ => lower,
    };
    let padded = format!(" {lower} ");
    let commas = if joined_noun {
        0
    } else {
        gap.matches(',').count()
    };
    gap.contains([';', '—', '.', ':'])
        || JOINTS.iter().any(|joint| padded.contains(joint))
        || commas >= 2
        // The second attribution opens a clause after a comma (`While
        // not everything Trump says is true, Jamieson said …`).
        || gap.trim_end().ends_with(',')
}

/// Whether `cue` may govern a quotation that is not right next to it: a
/// verb that reports words does, and so does the subject of a sentence
/// read as a quotation's speaker; a gesture ("she laughed") does not.
fn governs_at_a_distance(cue: &ResolvedCue) -> bool {
    !cue.cue.quote_only || cue.cue.kind == CueKind::Subject
}

/// What `quote` is: a title when a word before it names a work, a term
/// when it has at most two words and no sentence punctuation, else speech.
///
/// A work's word is lowercase (`Dr. Paul Song “…”` names a man), and a
/// speaker who names or describes something puts the quotation in their
/// own words: `Gorab called the show “…”`, `what Gingrich called “…”`
/// (`cues` are the attributions of the quotation's sentence).
fn kind_of(
    document: &Document,
    quote: &RawQuote,
    cues: &[ResolvedCue],
    lexicon: &Lexicon,
) -> QuoteKind {
    let before = document.text[..quote.open].trim_end();
    let previous = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ':']);
    let previous_word = previous.to_lowercase();
    let words = document.slice(quote.span).split_whitespace().count();
    let lowercase = !previous.starts_with(char::is_uppercase);
    let described = || {
        cues.iter().any(|c| {
            c.cue.kind == CueKind::Describing
                && c.cue.span.end <= quote.open
                && matches!(
                    c.speaker.kind,
                    SpeakerKind::Person | SpeakerKind::Description
                )
                && document
                    .text
                    .get(c.cue.span.end..quote.open)
                    .is_some_and(|gap| gap.split_whitespace().count() <= 4)
        })
    };
    // A title opens with a capital (`the bill “comes ten years too late”`
    // is a statement about the bill).
    let capitalised = document
        .slice(quote.span)
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    // A word right before the quotation names a work (`the book “…”`,
    // `a song titled “…”`).
    if lexicon.is_lower(&previous_word, WordClass::WorkWord)
        && lowercase
        && capitalised
        && !before.ends_with([',', ':'])
        && !described()
    {
        return QuoteKind::Title;
    }
    let text = document.slice(quote.span);
    // A comma inside the marks ends a clause of speech (`“Never,” she
    // said`) where the quotation opens one; after a word it is the
    // sentence's comma (`the captain of the “Sea Lark,” thanked them`).
    let opens_clause = before.is_empty() || before.ends_with(['.', '!', '?', ':', ',', '”', '"']);
    let sentence_like = text.ends_with(['.', '!', '?']) || (text.ends_with(',') && opens_clause);
    if words <= MAX_TERM_WORDS && !sentence_like {
        return QuoteKind::Term;
    }
    QuoteKind::Speech
}

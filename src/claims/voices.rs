//! Whose voice each quotation is in.
//!
//! Every quotation is tied to the attribution that governs it, tried in
//! this order:
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
//! 6. with none, a quotation that opens its sentence continues the
//!    quotation before it when that one ended in the same or the previous
//!    paragraph (the convention of a quote paragraph without a cue), or
//!    the report of the sentence before it when that stands nearer
//!    (`Hardy recalled how … . “We lost …”`), until the next quotation in
//!    its paragraph names a speaker, whose speaker it then takes.
//!
//! An attribution found by 2 or 4 that does not introduce the quotation
//! with a comma or colon, but stands inside someone else's reported words,
//! gives way to that reporter: the attribution that closes the sentence
//! (`X signals “…” for the EU, said Wilders`), else the outermost one whose
//! words hold it (`Rask said that Solberg shows “…”` is Rask's).
//!
//! A quotation is also read for what it is ([`QuoteKind`]): speech, a
//! title (`the book “…”`, `an ad titled “…”`: nobody's words), or a term of
//! one or two words in scare quotes, which is only someone's when an
//! attribution covers it (`Trump called it “disgraceful”`).

use serde::Serialize;

use super::ResolvedCue;
use super::phrase;
use super::quotes::RawQuote;
use crate::document::Document;
use crate::rules::attribution::{CueKind, SpeakerKind};
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

/// Words right before a quotation that make it a title.
const TITLE_WORDS: &[&str] = &[
    "book",
    "books",
    "memoir",
    "novel",
    "film",
    "movie",
    "documentary",
    "show",
    "series",
    "program",
    "programme",
    "song",
    "album",
    "play",
    "musical",
    "poem",
    "painting",
    "article",
    "column",
    "essay",
    "op-ed",
    "headline",
    "slogan",
    "motto",
    "ad",
    "ads",
    "advert",
    "commercial",
    "spot",
    "video",
    "campaign",
    "hashtag",
    "titled",
    "entitled",
    "headlined",
    "named",
    "dubbed",
    "called",
    "nicknamed",
    "magazine",
    "newspaper",
    "podcast",
    "episode",
    "chapter",
    "report",
    "bill",
    "act",
    "initiative",
    "operation",
    "tour",
    "exhibit",
    "exhibition",
    "sitcom",
    "television's",
    "tv's",
];

/// The most words between a closing mark and the attribution after it.
const MAX_GAP_WORDS: usize = 6;

/// Words that open a subordinate clause at the start of a sentence.
const SUBORDINATORS: &[&str] = &[
    "when", "after", "while", "because", "although", "though", "since", "before", "if", "once",
    "as", "until",
];

/// The most words a quotation of a term may have.
const MAX_TERM_WORDS: usize = 2;

/// The speaker and kind of each quotation, in order.
pub(crate) fn of_quotations<'c>(
    document: &Document,
    sentences: &[Sentence<'_>],
    quotes: &[RawQuote],
    cues: &'c [Vec<ResolvedCue>],
) -> Vec<(Option<super::Speaker>, QuoteKind)> {
    let sentence_of = |at: usize| {
        sentences
            .partition_point(|s| s.span.end <= at)
            .min(sentences.len().saturating_sub(1))
    };
    let block_of = |at: usize| document.blocks.index_of(at);
    let mut voices: Vec<(Option<super::Speaker>, QuoteKind)> = Vec::with_capacity(quotes.len());
    let mut pending: Vec<usize> = Vec::new();
    for (qi, quote) in quotes.iter().enumerate() {
        if sentences.is_empty() {
            voices.push((None, QuoteKind::Speech));
            continue;
        }
        let first = sentence_of(quote.open);
        let last = sentence_of(quote.close.saturating_sub(1));
        let kind = kind_of(document, quote, &cues[first]);
        let between = |from: usize, to: usize, allowed_words: &[&str]| {
            from <= to
                && document.text.get(from..to).is_some_and(|gap| {
                    gap.split_whitespace().all(|w| {
                        w.chars().all(|c| ",;:—–―-()".contains(c))
                            || allowed_words
                                .contains(&w.to_lowercase().trim_end_matches([',', ':']))
                    })
                })
        };
        // The first attribution after the closing mark, close enough and
        // with no other quotation or clause break between (`“…,” another
        // friend, Mariam Emara told CNN`).
        let next_quote = quotes.get(qi + 1).map_or(usize::MAX, |q| q.open);
        let after = cues[last]
            .iter()
            .filter(|c| c.cue.extent.start >= quote.close && c.cue.span.start < next_quote)
            .filter(|c| !introduces_what_follows(document, c, quote))
            .min_by_key(|c| c.cue.extent.start)
            .filter(|c| {
                document
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
                                !phrase::is_function_word(w)
                                    || phrase::is_determiner(w)
                                    || (i == 0 && w == "as")
                            })
                    })
            });
        // A gesture after the quotation (`…, the crowd applauded`) yields
        // to a verb before it whose reported words hold it (`When Holt
        // said he would “…,” the crowd applauded`).
        let holds_it = |c: &ResolvedCue| {
            !c.cue.quote_only
                && c.cue.span.end <= quote.open
                && c.cue.scope.start <= quote.open
                && c.cue.scope.end >= quote.close
        };
        let reported_before = || cues[first].iter().any(holds_it);
        // So does the subject of a main clause after a subordinate one that
        // holds the quotation (`When Holt said he would “…,” the crowd
        // applauded`).
        let held_in_subordinate = || {
            let sentence = &sentences[first];
            let opening = sentence.text.split_whitespace().next().unwrap_or("");
            let first_comma = sentence
                .text
                .find(',')
                .map_or(sentence.span.end, |at| sentence.span.start + at);
            SUBORDINATORS.contains(&opening.to_lowercase().as_str())
                && quote.open < first_comma
                && cues[first]
                    .iter()
                    .any(|c| holds_it(c) && c.cue.span.end <= first_comma)
        };
        let yields = |c: &ResolvedCue| {
            let gesture = c.cue.quote_only && c.cue.kind != CueKind::Subject;
            (gesture && reported_before()) || held_in_subordinate()
        };
        let after = after.filter(|c| !yields(c));
        let adjacent_after = after.filter(|c| between(quote.close, c.cue.extent.start, &[]));
        let adjacent_before = || {
            cues[first]
                .iter()
                .filter(|c| {
                    c.cue.extent.end <= quote.open
                        && between(c.cue.extent.end, quote.open, &["that"])
                })
                .max_by_key(|c| c.cue.extent.end)
        };
        // The attribution before it in its sentence whose reported words
        // hold it: the nearest, or the one whose words hold that one in
        // turn (`Israel said Clinton called on members to be “closely
        // coordinated”` is Israel's report), unless a new clause starts
        // between them (`…, and Smith said “…”`).
        let holding = || {
            let mut holding: Vec<&ResolvedCue> = cues[first]
                .iter()
                .filter(|c| {
                    c.cue.span.end <= quote.open
                        && governs_at_a_distance(c)
                        && c.cue.scope.end >= quote.open
                })
                .collect();
            holding.sort_by_key(|c| c.cue.span.end);
            holding
        };
        // A verb whose object is the quotation, inside another's reported
        // words (`Westmacott said that Obama shows “great charm”`), is the
        // outer speaker's report; one that introduces it with a comma or
        // colon (`Aides said Trump told them: “…”`) gives its own speaker.
        // The attribution that closes the sentence the quotation ends in
        // (`“… There was no joy” in comparison to Obama, Gingrich said.`).
        let closing = || {
            cues[last].iter().find(|c| {
                c.cue.trailing
                    && c.cue.extent.start >= quote.close
                    && c.cue.span.start < next_quote
                    && !yields(c)
            })
        };
        let introduces = |c: &ResolvedCue| {
            document
                .text
                .get(c.cue.extent.end.max(c.cue.span.end)..quote.open)
                .is_some_and(|gap| {
                    let gap = gap.trim_end();
                    gap.ends_with([',', ':']) && gap.split_whitespace().count() <= 3
                })
        };
        // An attribution that closes the sentence holds the words before
        // it, attributions in them included (`The rejection signals “the
        // beginning of the end,” said Wilders`), unless one of them
        // introduces the quotation.
        let reported_by_closing = || {
            closing().filter(|c| {
                document
                    .text
                    .get(quote.close..c.cue.extent.start)
                    .is_some_and(|gap| {
                        gap.split_whitespace().count() <= MAX_GAP_WORDS
                            && !gap.contains(['“', '”', '"', ';', ':'])
                    })
            })
        };
        let held = |holding: &[&'c ResolvedCue], c: &'c ResolvedCue| -> &'c ResolvedCue {
            if introduces(c) {
                c
            } else {
                reported_by_closing().unwrap_or_else(|| outermost(document, holding, c))
            }
        };
        let before_adjacent = || Some(held(&holding(), adjacent_before()?));
        let before = || {
            let holding = holding();
            let chosen = *holding.last()?;
            Some(held(&holding, chosen))
        };
        let covering = || {
            (first..=last).flat_map(|i| cues[i].iter()).find(|c| {
                governs_at_a_distance(c)
                    && c.cue.scope.start <= quote.open
                    && quote.close <= c.cue.scope.end
            })
        };
        let governed = adjacent_after
            .or_else(before_adjacent)
            .or(after)
            .or_else(before)
            .or_else(covering)
            .or_else(closing);
        // Whether the speaker is only a guess a later quotation may replace.
        let mut provisional = false;
        let speaker = match kind {
            QuoteKind::Title => None,
            QuoteKind::Term => governed.map(|c| c.speaker.clone()),
            QuoteKind::Speech => match governed {
                Some(c) => Some(c.speaker.clone()),
                None => {
                    let opens_sentence = document
                        .text
                        .get(sentences[first].span.start..quote.open)
                        .is_some_and(|gap| gap.trim().is_empty());
                    let continued = qi.checked_sub(1).and_then(|previous| {
                        let previous_quote = &quotes[previous];
                        let same_or_previous_block = block_of(quote.open)
                            <= block_of(previous_quote.close.saturating_sub(1)) + 1;
                        let (speaker, previous_kind) = &voices[previous];
                        (opens_sentence
                            && same_or_previous_block
                            && *previous_kind == QuoteKind::Speech)
                            .then(|| speaker.clone())
                            .flatten()
                    });
                    // A quotation opening a sentence after one that
                    // reports someone's words (`Sami recalled how … . “And
                    // I was like …”`) is that speaker's, until a later
                    // quotation of its paragraph names its speaker.
                    let block = block_of(sentences[first].span.start);
                    // So is one inside a sentence with no attribution of
                    // its own, right after a report in its paragraph
                    // (`Jahangir said she was angered … . Doing so
                    // “appeared to be an attempt …”`).
                    let unattributed = cues[first].is_empty();
                    let reported_before = first
                        .checked_sub(1)
                        .filter(|&previous| {
                            let previous_block = block_of(sentences[previous].span.start);
                            (opens_sentence && block <= previous_block + 1)
                                || (unattributed && block == previous_block)
                        })
                        .and_then(|previous| {
                            cues[previous]
                                .iter()
                                .find(|c| c.cue.kind != CueKind::Subject)
                                .map(|c| (previous, c.speaker.clone()))
                        });
                    // The nearer of the two: the report stands between the
                    // quotations.
                    let report_is_nearer = reported_before.as_ref().is_some_and(|(previous, _)| {
                        qi.checked_sub(1)
                            .is_none_or(|p| quotes[p].close <= sentences[*previous].span.start)
                    });
                    if continued.is_some() && !report_is_nearer {
                        continued
                    } else {
                        provisional = true;
                        reported_before.map(|(_, speaker)| speaker)
                    }
                }
            },
        };
        // A quotation left without a speaker takes the next one's in its
        // paragraph (`“A.” “B,” she said.`).
        if kind == QuoteKind::Speech && speaker.is_some() && !provisional {
            let block = block_of(quote.open);
            for waiting in pending.drain(..) {
                if block_of(quotes[waiting].open) == block {
                    voices[waiting].0 = speaker.clone();
                }
            }
        }
        voices.push((speaker, kind));
        if provisional {
            pending.push(qi);
        }
    }
    voices
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
                .is_some_and(|w| phrase::OBJECT_PREPOSITIONS.contains(&w.to_lowercase().as_str()));
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
fn kind_of(document: &Document, quote: &RawQuote, cues: &[ResolvedCue]) -> QuoteKind {
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
    if TITLE_WORDS.contains(&previous_word.as_str())
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

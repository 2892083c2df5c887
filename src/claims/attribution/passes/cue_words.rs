//! Which cue phrases of a sentence may be verbs at all.
//!
//! The rules give every form of every reporting verb; a phrase they find
//! in a sentence is a candidate attribution only when it is whole words
//! and no exception makes it a noun or a name. The exceptions are named
//! ([`EXCEPTIONS`]), as LanguageTool's antipatterns are, and each can be
//! switched off. In a headline every word is capitalised (`Okonjo Calls
//! Pier A Wreck`), verbs too.

use crate::claims::passes::Switches;
use crate::claims::phrase;
use crate::claims::tokens::Tokens;
use crate::rules::AttributionRules;
use crate::rules::WordClass;
use crate::rules::attribution::{CueForm, CueKind, Forms};

/// Exception: a cue word after a determiner or a possessive is a noun:
/// `Several states were still undecided at midnight.`, `the mayor's
/// claim`; not after a pronoun of quantity before a verb form (`another
/// said`).
pub(super) const CUE_WORD_AFTER_DETERMINER: &str = "cue-word-after-determiner";

/// Exception: a cue word capitalised inside a sentence is a name: `Pilots
/// met Governor Read on Monday.`; not a past form after a comma (`“…!”
/// Wirth, a pilot, Tweeted`), and not in a headline.
pub(super) const CAPITALISED_CUE_WORD: &str = "capitalised-cue-word";

/// Exception: a noun of speech in the plural is no verb after a name that
/// a number or an article opens (`The 22 Okonjo emails were released.`),
/// nor before a past form (`Okonjo emails showed …`).
pub(super) const PLURAL_NOUN_OF_SPEECH: &str = "plural-noun-of-speech";

/// Exception: a word that can be a noun right before a finite cue is its
/// subject, not a cue of its own: `Ticket sales fell by half, new harbour
/// reports show.`
pub(super) const NOUN_BEFORE_CUE: &str = "noun-before-cue";

/// The exceptions, in the order they are asked.
pub(super) const EXCEPTIONS: &[&str] = &[
    CUE_WORD_AFTER_DETERMINER,
    CAPITALISED_CUE_WORD,
    PLURAL_NOUN_OF_SPEECH,
    NOUN_BEFORE_CUE,
];

/// The cue phrases `found` (byte offsets in the sentence and form) that
/// may attribute: their first and last token and their form, in order.
pub(in crate::claims::attribution) fn cue_phrases(
    tokens: &Tokens<'_>,
    found: &[(usize, usize, CueForm)],
    rules: &AttributionRules,
    switches: &Switches,
) -> Vec<(usize, usize, CueForm)> {
    let words = tokens.tokens.iter().filter(|t| t.is_word()).count();
    let capitalised_words = (0..tokens.len())
        .filter(|&i| tokens.is_capitalised(i))
        .count();
    let title_case = words >= 3 && capitalised_words * 10 >= words * 7;
    let mut candidates: Vec<(usize, usize, CueForm)> = Vec::new();
    for &(start, end, form) in found {
        let first = tokens.at_or_after(start);
        let last = tokens.covering(end.saturating_sub(1));
        let whole_words = first < tokens.len()
            && last < tokens.len()
            && tokens.tokens[first].start == start
            && tokens.tokens[last].end == end
            && (first..=last).all(|i| tokens.tokens[i].is_word());
        if !whole_words {
            continue;
        }
        let after_determiner = first.checked_sub(1).is_some_and(|p| {
            tokens.tokens[p].is_word() && {
                let word = tokens.lower(p);
                // A pronoun of quantity is a subject before a verb form
                // that cannot be a noun (`another said`, `some chanted`,
                // `one says`, `many warn`).
                let quantifier_subject = match word {
                    "another" | "one" => form.is(Forms::PAST | Forms::THIRD),
                    _ if tokens.is_a(p, WordClass::PeopleQuantifier) || word == "both" => {
                        form.is(Forms::PAST | Forms::BASE)
                    }
                    // `the father of two said` ("one" is read above)
                    _ if tokens.is_a(p, WordClass::NumberWord) => p > 0 && tokens.is(p - 1, "of"),
                    // `the editors each called`, `they all said`
                    "each" | "all" => {
                        p > 0
                            && tokens.tokens[p - 1].is_word()
                            && form.is(Forms::PAST | Forms::BASE)
                    }
                    _ => false,
                };
                !quantifier_subject
                    && (phrase::is_determiner(tokens, p)
                        || word.ends_with("'s")
                        || word.ends_with("’s"))
            }
        });
        // A past form after a comma is a verb whatever its case (`“…!”
        // Murphy, the head of the PAC, Tweeted on Friday`): no name of a
        // person is a reporting verb's past form.
        let miscased_past = first > 0
            && tokens.tokens[first - 1].is_punct(',')
            && tokens.lower(first).ends_with("ed")
            && form.is(Forms::PAST);
        let capitalised =
            first > 0 && tokens.is_capitalised(first) && !title_case && !miscased_past;
        // A noun of speech in the plural is no verb before a past form
        // (`Clinton emails contained`), nor after a name that a number or
        // an article opens (`22 Clinton emails`, `the Trump tweets`).
        let speech_noun_plural = first == last && form.is(Forms::THIRD) && {
            let lower = tokens.lower(first);
            let singular = lower.strip_suffix('s').unwrap_or(lower);
            rules.speech_nouns.contains(singular) || rules.documents.contains(lower)
        };
        let before_past = tokens.tokens.get(last + 1).is_some_and(|next| {
            next.is_word() && !tokens.is_capitalised(last + 1) && {
                let next = tokens.lower(last + 1);
                next.ends_with("ed") || next == "were" || next == "are"
            }
        });
        let counted_name = first >= 2 && tokens.is_capitalised(first - 1) && {
            let opener = tokens.lower(first - 2);
            phrase::is_determiner(tokens, first - 2)
                || opener.starts_with(|c: char| c.is_ascii_digit())
        };
        let plural_noun_before_verb = speech_noun_plural && (before_past || counted_name);
        if (switches.is_on(CUE_WORD_AFTER_DETERMINER) && after_determiner)
            || (switches.is_on(CAPITALISED_CUE_WORD) && capitalised)
            || (switches.is_on(PLURAL_NOUN_OF_SPEECH) && plural_noun_before_verb)
        {
            continue;
        }
        candidates.push((first, last, form));
    }
    let mut matches = Vec::new();
    for (index, &(first, last, form)) in candidates.iter().enumerate() {
        // "the report said", "the claims say": a word that can be a noun
        // (not a past form) right before a finite cue is its subject.
        let before_another = !form.is(Forms::PAST)
            && candidates
                .get(index + 1)
                .is_some_and(|&(next, _, next_form)| {
                    next == last + 1
                        && next_form.kind != CueKind::According
                        && next_form.is(Forms::PAST | Forms::THIRD | Forms::BASE)
                });
        if !(switches.is_on(NOUN_BEFORE_CUE) && before_another && first == last) {
            matches.push((first, last, form));
        }
    }
    matches
}

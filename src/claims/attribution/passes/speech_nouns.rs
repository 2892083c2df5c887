//! Nouns of speech with their speaker (`the mayor's claim that …`), before
//! a quotation no verb governs.

use super::super::{Cue, MAX_CUES_PER_SENTENCE, Reader, Subject, is_time_word};
use crate::claims::mention::Mention;
use crate::claims::phrase;
use crate::rules::WordClass;
use crate::rules::attribution::CueKind;
use crate::span::Span;

/// A noun of speech attributes the quotation after it to its possessor or
/// agent: `the mayor's insistence that the pier was “beyond repair”`, `the
/// suggestion by a council member that it was “a fire trap”`.
pub(super) const NOUNS_OF_SPEECH: &str = "nouns-of-speech";

impl Reader<'_, '_> {
    /// Pass [`NOUNS_OF_SPEECH`].
    ///
    /// Nouns of speech with their speaker (`Trump's recent assertion that
    /// “thousands” …`, `the contention of Hillary Clinton that …
    /// “over-classification”`), before a quotation no verb governs: the
    /// noun is the cue, for quotations only.
    pub(super) fn speech_nouns(&self, cues: &mut Vec<Cue>) {
        let t = self.tokens;
        for noun in 0..t.len() {
            if cues.len() >= MAX_CUES_PER_SENTENCE || !t.tokens[noun].is_word() {
                continue;
            }
            let lower = t.lower(noun);
            let singular = lower.strip_suffix('s').unwrap_or(lower);
            if !self.rules.speech_nouns.contains(lower)
                && !self.rules.speech_nouns.contains(singular)
            {
                continue;
            }
            // The noun heads its phrase: a quotation, "that", punctuation or
            // a preposition follows it ("the email controversy" is no
            // email).
            // A copula with a clause after it heads it too (`Holt's answer
            // was that “…”`).
            let heads = t.tokens.get(noun + 1).is_none_or(|next| {
                !next.is_word()
                    || t.is_a(noun + 1, WordClass::AfterASpeechNoun)
                    || (t.is_any(noun + 1, &["is", "was"]) && t.is(noun + 2, "that"))
                    || (is_time_word(t, noun + 1) && t.is(noun + 2, "that"))
            });
            if !heads {
                continue;
            }
            // A quotation must follow in the sentence, with no attribution
            // between.
            let noun_end = t.tokens[noun].end;
            let Some(quote) = (noun + 1..t.len()).find(|&i| t.tokens[i].is_quote()) else {
                return;
            };
            let quote_start = t.tokens[quote].start;
            // Nor may the noun stand in someone's reported words already
            // (`Ryan told CNN that Ginsburg's comments “…”`).
            let noun_start = t.tokens[noun].start;
            let reported = cues
                .iter()
                .any(|c| !c.quote_only && c.span.end <= noun_start && c.scope.end >= noun_end);
            if cues
                .iter()
                .any(|c| noun_end <= c.span.start && c.span.end <= quote_start)
            {
                continue;
            }
            let subject = self
                .possessor_before(noun)
                .or_else(|| self.agent_after(noun, quote));
            if let Some(subject) = subject {
                let before_phrase = subject.reach.0.min(noun).checked_sub(1);
                // A noun after a preposition is no clause of reported words
                // (`blamed the media for making an issue out of Trump's
                // claim that …`): its possessor speaks even inside another
                // verb's reach.
                // Not one right after the verb, though: in `Holt said of
                // Price's claim that …` the words are Holt's.
                let object_of_preposition = before_phrase.is_some_and(|p| {
                    p > 0 && !self.is_cue()(p - 1) && t.is_a(p, WordClass::ObjectPreposition)
                });
                // A verb of naming makes the noun its object and the
                // quotation what it names (`In declaring the mayor's
                // remarks “…”, the bishop …`).
                let named = before_phrase.is_some_and(|p| {
                    self.rules
                        .cues
                        .get(t.lower(p))
                        .is_some_and(|form| form.kind == CueKind::Describing)
                        || t.is_any(p, &["declare", "declared", "declares", "declaring"])
                });
                if (reported && !object_of_preposition) || named {
                    continue;
                }
                let span = t.tokens[noun].span();
                // A noun with a clause of what was said (`Trump's
                // accusation that Clinton is playing the “…”`) governs the
                // quotations in that clause, not only one right after it.
                let content_clause = (noun + 1..quote).any(|i| t.is(i, "that"));
                // So does one whose quotation follows it through a
                // preposition and an article only (`Sanders's clarion call
                // for a “revolution”`).
                let through_preposition = (noun + 1..quote).all(|i| {
                    t.tokens[i].is_word()
                        && (phrase::is_determiner(t, i)
                            || t.is_a(i, WordClass::SpeechNounPreposition))
                });
                let governs = content_clause || through_preposition;
                let mut cue = self.make(
                    NOUNS_OF_SPEECH,
                    CueKind::Verb,
                    span,
                    subject,
                    false,
                    !governs,
                );
                cue.scope = Span::new(span.start, t.text.len());
                cues.push(cue);
            }
        }
    }

    /// The agent after the noun at token `noun`, before the quotation at
    /// `quote`: `the suggestion by a potential president that …`.
    fn agent_after(&self, noun: usize, quote: usize) -> Option<Subject> {
        let t = self.tokens;
        if !t.is_any(noun + 1, &["of", "by", "from"]) || noun + 2 >= quote {
            return None;
        }
        let (subject, _) = self.subject_after(noun + 2)?;
        (subject.reach.1 < quote && !matches!(subject.mention, Mention::Pronoun(_)))
            .then_some(subject)
    }
}

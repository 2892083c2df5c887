//! Punctuation that attributes a quotation: a colon before it (`He put it
//! this way: “…”`) and a dash after it (`“…” ― Carla Sanchez, 34`), where
//! no verb already does.

use super::super::{Cue, MAX_CUES_PER_SENTENCE, Reader, Subject};
use crate::claims::mention::{self, Mention};
use crate::claims::phrase::NounPhrase;
use crate::claims::tokens::{Token, TokenKind};
use crate::rules::attribution::CueKind;

/// A colon before a quotation attributes it to the speaker the colon
/// follows, or the subject of the clause it ends: `Harbourmaster Dana
/// Wirth: “The pier is gone.”`, a transcript's `OKONJO: “…”`.
pub(crate) const COLON_BEFORE_QUOTATION: &str = "colon-before-quotation";

/// A dash after a quotation attributes it to the name after the dash:
/// `“The pier is gone.” ― Dana Wirth, 52, a ferry pilot`.
pub(super) const DASH_AFTER_QUOTATION: &str = "dash-after-quotation";

impl Reader<'_, '_> {
    /// Pass [`COLON_BEFORE_QUOTATION`]: a colon right before a quotation,
    /// unless a verb and its object before the colon already attribute
    /// what follows (`told reporters:`).
    pub(super) fn colon_before_quotation(&self, cues: &mut Vec<Cue>) {
        if !self.may_colon_or_dash {
            return;
        }
        let t = self.tokens;
        for i in 0..t.len() {
            if cues.len() >= MAX_CUES_PER_SENTENCE {
                return;
            }
            let token = t.tokens[i];
            let next_is_quote = t.tokens.get(i + 1).is_some_and(Token::is_quote);
            if token.is_punct(':') && next_is_quote {
                // A verb and its object before the colon (`told them:`,
                // `told reporters:`) already attribute what follows.
                let covered = cues.iter().any(|c| {
                    c.span.end <= token.start
                        && t.text
                            .get(c.extent.end.max(c.span.end)..token.start)
                            .is_some_and(|gap| {
                                gap.split_whitespace().count() <= 2
                                    && !gap.contains([',', ';', '.', '“', '”', '"'])
                            })
                });
                if covered {
                    continue;
                }
                if let Some(subject) = self.colon_subject(i) {
                    let span = token.span();
                    cues.push(self.make(
                        COLON_BEFORE_QUOTATION,
                        CueKind::Colon,
                        span,
                        subject,
                        false,
                        true,
                    ));
                }
            }
        }
    }

    /// Pass [`DASH_AFTER_QUOTATION`]: a dash right after a quotation and
    /// the name after it, unless an attribution already holds the dash.
    /// It runs before [`colon_before_quotation`](Self::colon_before_quotation),
    /// whose colons a dash's attribution before them covers.
    pub(super) fn dash_after_quotation(&self, cues: &mut Vec<Cue>) {
        if !self.may_colon_or_dash {
            return;
        }
        let t = self.tokens;
        for i in 0..t.len() {
            if cues.len() >= MAX_CUES_PER_SENTENCE {
                return;
            }
            let token = t.tokens[i];
            let is_dash = matches!(token.kind, TokenKind::Punct('—' | '―' | '–' | '-'));
            if is_dash && i > 0 && t.tokens[i - 1].is_quote() {
                let taken = cues
                    .iter()
                    .any(|c| c.extent.start <= token.start && token.start < c.extent.end);
                if !taken && let Some((subject, _)) = self.subject_after(i + 1) {
                    let span = token.span();
                    cues.push(self.make(
                        DASH_AFTER_QUOTATION,
                        CueKind::Dash,
                        span,
                        subject,
                        true,
                        true,
                    ));
                }
            }
        }
    }

    /// The speaker before the colon at token `colon`: the subject of the
    /// clause the colon ends, when the clause names one.
    fn colon_subject(&self, colon: usize) -> Option<Subject> {
        let t = self.tokens;
        // A transcript label in capitals (`WALLACE: …`) is a name, never an
        // acronym.
        if colon > 0
            && colon <= 4
            && (0..colon)
                .all(|i| t.tokens[i].is_word() && t.text(i).chars().all(|c| !c.is_lowercase()))
        {
            let label: Vec<String> = (0..colon).map(|i| title_case(t.text(i))).collect();
            if let Some(mention @ Mention::Person { .. }) =
                mention::parse(&label.join(" "), self.rules)
            {
                let phrase = NounPhrase {
                    first: 0,
                    last: colon - 1,
                    head_last: colon - 1,
                };
                return Some(Subject {
                    mention,
                    phrase,
                    reach: (0, colon - 1),
                });
            }
        }
        // `Trump: “…”`, `Republican pollster Daron Shaw: “…”`.
        if let Some(subject) = colon
            .checked_sub(1)
            .and_then(|end| self.subject_ending_at(end))
            && self.at_clause_start(subject.phrase.first)
        {
            return Some(subject);
        }
        let subject = self.clause_subject(colon)?;
        // The clause must be the subject's own, not a list or a heading
        // that merely starts with a name: a verb-like word must follow the
        // subject before the colon.
        (subject.reach.1 + 1 < colon && t.tokens[subject.reach.1 + 1].is_word()).then_some(subject)
    }
}

/// `word` with its first letter capital and the rest small ("WALLACE" →
/// "Wallace", "SEN." → "Sen.").
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

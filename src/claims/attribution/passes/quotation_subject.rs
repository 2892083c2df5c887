//! A quotation in a sentence that no attribution governs is in the words of
//! the sentence's subject (`The agency declined to detail the probe's
//! “specific focus”`), found by the first of [`FINDERS`] that finds one.

use super::super::{Cue, MAX_CUES_PER_SENTENCE, Reader, Subject, is_time_word};
use crate::claims::mention::Mention;
use crate::claims::phrase;
use crate::rules::WordClass;
use crate::rules::attribution::CueKind;

/// Each quotation no attribution governs is in the words of the subject
/// the first of [`FINDERS`] finds: `The board pinned the delay on “a
/// shortage of steel.”`
pub(super) const SUBJECT_OF_QUOTATION: &str = "subject-of-quotation";

/// The subject of a relative clause that holds the quotation: `Pilots met
/// the board, in which Okonjo expressed hope for “patience and steel.”`
const RELATIVE_CLAUSE_SUBJECT: &str = "relative-clause-subject";

/// The subject of the clause the quotation stands in, with its verb
/// between them: `The board pinned the delay on “a shortage of steel.”`
const CLAUSE_SUBJECT_OF_QUOTATION: &str = "clause-subject-of-quotation";

/// The subject after a sentence's opening phrase that holds the
/// quotation: `After weeks of calling the pier “unsafe,” the council voted
/// to close it`.
const SUBJECT_AFTER_OPENING_PHRASE: &str = "subject-after-opening-phrase";

/// The subject finders of [`SUBJECT_OF_QUOTATION`], in the order tried.
pub(super) const FINDERS: &[&str] = &[
    RELATIVE_CLAUSE_SUBJECT,
    CLAUSE_SUBJECT_OF_QUOTATION,
    SUBJECT_AFTER_OPENING_PHRASE,
];

impl Reader<'_, '_> {
    /// A quotation inside a sentence that no attribution governs is in the
    /// words of the sentence's subject, when the subject names a speaker
    /// and its verb stands between them (`The agency declined to detail
    /// the probe's “specific focus”`, `Sanders credited the win to “a
    /// closed primary”`): the verb is the cue, for quotations only.
    pub(super) fn subject_of_quotation(&self, cues: &mut Vec<Cue>) {
        let t = self.tokens;
        // Each look reads the clause back to its start: a bound on the
        // quotations looked at keeps a line of many quotations linear.
        let mut looked_at = 0;
        for quote in 1..t.len() {
            if cues.len() >= MAX_CUES_PER_SENTENCE || looked_at == MAX_CUES_PER_SENTENCE {
                return;
            }
            if !t.tokens[quote].is_quote() || self.governed(quote, cues) {
                continue;
            }
            looked_at += 1;
            let found = FINDERS
                .iter()
                .filter(|finder| self.switches.is_on(finder))
                .find_map(|finder| match *finder {
                    RELATIVE_CLAUSE_SUBJECT => self.relative_clause_subject(quote),
                    CLAUSE_SUBJECT_OF_QUOTATION => self.subject_before_quotation(quote),
                    _ => self.subject_after_opening(quote),
                });
            if let Some(cue) = found {
                cues.push(cue);
            }
        }
    }

    /// Whether an attribution already governs the quotation at token
    /// `quote`. A gesture governs only a quotation right after it (`he
    /// laughed: “…”`); `credited him for “…”` is left to the subject.
    fn governed(&self, quote: usize, cues: &[Cue]) -> bool {
        let t = self.tokens;
        let quote_start = t.tokens[quote].start;
        let quote_end = t.tokens[quote].end;
        cues.iter().any(|c| {
            let before = c.span.end <= quote_start
                && (!c.quote_only
                    || c.kind == CueKind::Subject
                    || t.text[c.extent.end.min(quote_start)..quote_start]
                        .trim_matches(|ch: char| ch.is_whitespace() || ",:".contains(ch))
                        .is_empty());
            let at_a_distance = !c.quote_only || c.kind == CueKind::Subject;
            before || (at_a_distance && c.scope.start <= quote_start && quote_end <= c.scope.end)
        })
    }

    /// The subject of the clause a quotation stands in, with its verb
    /// between them (`Sanders credited the win to “…”`).
    fn subject_before_quotation(&self, quote: usize) -> Option<Cue> {
        let t = self.tokens;
        // `It has become such a fixture that Holt thanked …`: an "it" that
        // opens the sentence is nobody; a clause after it may name
        // someone.
        const IT: &[&str] = &["it", "it's", "it’s"];
        let subject = match self.clause_subject(quote) {
            Some(subject) if !t.is_any(subject.phrase.first, IT) => subject,
            _ if t.is_any(0, IT) => self.clause_subject_from(quote, 1)?,
            _ => return None,
        };
        if matches!(subject.mention, Mention::Pronoun(_)) && subject.phrase.first > 0 {
            return None;
        }
        // The verb right after the subject (and its appositions), before
        // the quotation.
        let mut verb = subject.reach.1 + 1;
        while t.tokens.get(verb).is_some_and(|tk| tk.is_punct(',')) {
            verb += 1;
        }
        verb = self.past_time_phrase(verb, quote);
        while verb < quote
            && t.tokens[verb].is_word()
            && phrase::is_between_subject_and_verb(t, verb)
        {
            verb += 1;
        }
        let finite =
            self.is_finite_verb(verb, quote) || self.is_base_after_plural(&subject, verb, quote);
        if !finite || self.is_possessive(&subject) {
            return None;
        }
        let span = t.tokens[verb].span();
        Some(self.make(
            CLAUSE_SUBJECT_OF_QUOTATION,
            CueKind::Subject,
            span,
            subject,
            false,
            true,
        ))
    }

    /// The subject of a relative clause that holds the quotation at token
    /// `quote` (`an interview, in which Clinton expressed confidence that
    /// …“…”`), with its verb between them.
    fn relative_clause_subject(&self, quote: usize) -> Option<Cue> {
        let t = self.tokens;
        let relative = (0..quote)
            .rev()
            .take_while(|&i| !t.tokens[i].is_punct(',') && !t.tokens[i].is_quote())
            .find(|&i| t.is_any(i, &["which", "whom"]))?;
        let (subject, _) = self.subject_after(relative + 1)?;
        let verb = subject.reach.1 + 1;
        if !subject.mention.names_someone() || verb >= quote || !self.is_finite_verb(verb, quote) {
            return None;
        }
        let span = t.tokens[verb].span();
        Some(self.make(
            RELATIVE_CLAUSE_SUBJECT,
            CueKind::Subject,
            span,
            subject,
            false,
            true,
        ))
    }

    /// A quotation in a sentence's opening phrase (`After days of bickering
    /// over whether the other is “qualified,” Clinton on Monday ripped
    /// into Sanders`) is in the words of the subject after it, when a
    /// verb follows that subject. The attribution covers the sentence.
    fn subject_after_opening(&self, quote: usize) -> Option<Cue> {
        let t = self.tokens;
        let mut start = self.after_dateline(0);
        if t.is_any(start, &["and", "but", "so", "yet"]) {
            start += 1;
        }
        let opening = t.is_a(start, WordClass::OpeningPhraseWord)
            || t.tokens.get(start).is_some_and(|tk| {
                tk.is_word() && {
                    let word = t.lower(start);
                    word.len() > 5 && word.ends_with("ing") && !word.ends_with("thing")
                }
            });
        if !opening || quote <= start {
            return None;
        }
        // The opening phrase ends at the first comma after the quotation
        // (a comma inside the marks counts: `“qualified,” Clinton said`).
        let comma = (quote..t.len())
            .find(|&i| t.tokens[i].is_punct(',') || (i == quote && self.comma_inside(i)))?;
        let mut first = if comma == quote { quote + 1 } else { comma + 1 };
        // A sentence adverb set off by commas (`“…,” though, Allen did
        // suggest`).
        if t.is_a(first, WordClass::SetOffAdverb)
            && t.tokens.get(first + 1).is_some_and(|tk| tk.is_punct(','))
        {
            first += 2;
        }
        // The opening phrase runs unbroken to the quotation: a comma before
        // it means the main clause has begun (`During the primary Holt,
        // goaded by Moss, came out against the “…”`).
        if (start..quote).any(|i| {
            t.tokens[i].is_punct(';') || t.tokens[i].is_punct(':') || t.tokens[i].is_punct(',')
        }) {
            return None;
        }
        let (subject, _) = self.subject_after(first)?;
        if matches!(subject.mention, Mention::Pronoun(_)) {
            return None;
        }
        let mut verb = subject.reach.1 + 1;
        verb = self.past_time_phrase(verb, t.len());
        while verb < t.len()
            && t.tokens[verb].is_word()
            && phrase::is_between_subject_and_verb(t, verb)
        {
            verb += 1;
        }
        let finite = self.is_finite_verb(verb, t.len())
            || self.is_base_after_plural(&subject, verb, t.len());
        if !finite || self.is_possessive(&subject) {
            return None;
        }
        let span = t.tokens[verb].span();
        Some(self.make(
            SUBJECT_AFTER_OPENING_PHRASE,
            CueKind::Subject,
            span,
            subject,
            true,
            true,
        ))
    }

    /// The token after a time phrase between a subject and its verb
    /// (`Sanders during a Sunday thanked`, `Clinton on Monday ripped`), or
    /// `at` when none stands there.
    fn past_time_phrase(&self, at: usize, limit: usize) -> usize {
        let t = self.tokens;
        // A prepositional phrase of a few words closed by a finite verb
        // (`Tran during a Sunday rally thanked`, `Keel at a hearing
        // called`).
        if t.is_a(at, WordClass::TimePhrasePreposition) {
            let verb = (at + 2..limit.min(at + 7))
                .take_while(|&i| t.tokens[i].is_word())
                .find(|&i| {
                    !t.is_capitalised(i)
                        && self.rules.is_finite_verb_form(t.lower(i))
                        && !phrase::is_determiner(t, i - 1)
                        && !phrase::is_function_word(t, i)
                });
            if let Some(verb) = verb {
                return verb;
            }
        }
        if !t.is_a(at, WordClass::TimePhraseOpener) {
            return at;
        }
        let mut end = at + 1;
        while end < limit
            && end <= at + 4
            && t.tokens[end].is_word()
            && (is_time_word(t, end)
                || t.is_any(end, &["a", "the", "his", "her", "their"])
                || t.lower(end).ends_with("day"))
        {
            end += 1;
        }
        if end > at + 1 && t.tokens.get(end - 1).is_some_and(|tk| tk.is_word()) && {
            is_time_word(t, end - 1) || t.lower(end - 1).ends_with("day")
        } {
            end
        } else {
            at
        }
    }

    /// Whether token `verb` (before `limit`) is a finite verb: after an
    /// auxiliary, or a past or third-person form ("declined", "hits",
    /// "took"); or an auxiliary before its verb (`is seeking “…”`), not a
    /// copula (`Guns are “…”` says what guns are, not what they said).
    fn is_finite_verb(&self, verb: usize, limit: usize) -> bool {
        let t = self.tokens;
        let after_auxiliary = verb > 0 && t.is_a(verb - 1, WordClass::ClauseAuxiliary);
        let next_is = |test: &dyn Fn(&str) -> bool| {
            verb + 1 < limit && t.tokens[verb + 1].is_word() && test(t.lower(verb + 1))
        };
        let auxiliary = (t.is_any(verb, &["is", "was", "are", "were"])
            && next_is(&|w| w.ends_with("ing")))
            || (t.is_any(verb, &["has", "have", "had"])
                && next_is(&|w| w.ends_with("ed") || self.rules.is_finite_verb_form(w)))
            || (t.is_any(verb, &["will", "would", "could", "can"])
                && verb + 1 < limit
                && t.tokens[verb + 1].is_word()
                && !phrase::is_function_word(t, verb + 1));
        verb < limit
            && t.tokens[verb].is_word()
            && !t.is_capitalised(verb)
            && (auxiliary
                || (!phrase::is_function_word(t, verb)
                    && (after_auxiliary || self.rules.is_finite_verb_form(t.lower(verb)))))
    }

    /// Whether a subject's head is a possessive (`Trump's “…” remark`).
    fn is_possessive(&self, subject: &Subject) -> bool {
        let head = self.tokens.text(subject.phrase.head_last);
        head.ends_with("'s") || head.ends_with("’s")
    }
}

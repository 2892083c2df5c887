//! Passes that repair the attributions found before them: one that adds
//! nothing goes, a poll speaks for the people it asked, a source "according
//! to" whom someone spoke reports their words, a pronoun is the main
//! clause's subject, a relative clause's attribution ends with the clause.

use super::super::{Cue, Reader};
use crate::claims::mention::Mention;
use crate::claims::phrase;
use crate::rules::WordClass;
use crate::rules::attribution::{CueKind, SpeakerKind};
use crate::span::Span;

/// A subject read as its quotations' speaker goes where a verb of the same
/// subject attributes them: `Okonjo paused, asking, “Who pays?”` has one
/// attribution, the verb's, so a later "he" or "she" looks back over one
/// speaker, not two.
pub(super) const SUBJECT_YIELDS_TO_ITS_VERB: &str = "subject-yields-to-its-verb";

/// A poll the sentence names speaks for the people it asked: `In a Harbour
/// Gazette poll, 41% of boat owners said the pier was “a lost cause.”` is
/// the poll's finding.
pub(super) const POLL_SPEAKS_FOR_RESPONDENTS: &str = "poll-speaks-for-respondents";

/// The source "according to" whom someone spoke reports their words:
/// `Okonjo called it “a lost cause,” according to the Gazette.`
pub(super) const ACCORDING_TO_SOURCE_REPORTS: &str = "according-to-source-reports";

/// A "he" or "she" opening a subordinate clause after the main one is the
/// main clause's named subject: `Okonjo turned on the board at the
/// hearing, when she called its plan “a fire sale.”`
pub(super) const SUBORDINATE_PRONOUN_IS_MAIN_SUBJECT: &str = "subordinate-pronoun-is-main-subject";

/// An attribution inside a relative clause set off by commas covers the
/// clause only: `The plan, which the auditor says would cost millions,
/// would leave the pier “a ruin.”`
pub(super) const RELATIVE_CLAUSE_ENDS_AT_MAIN_VERB: &str = "relative-clause-ends-at-main-verb";

impl Reader<'_, '_> {
    /// Pass [`SUBJECT_YIELDS_TO_ITS_VERB`]: a subject read as its
    /// quotations' speaker adds nothing where a verb of the same subject
    /// attributes them (`The senator paused, asking, “…”`); it stays for a
    /// quotation before that verb's scope (`In explaining why the “…”
    /// failed, Holt blamed …`).
    pub(super) fn subject_yields_to_its_verb(&self, cues: &mut Vec<Cue>) {
        let verb_scopes: Vec<(Span, Span)> = cues
            .iter()
            .filter(|c| c.kind != CueKind::Subject && !c.quote_only)
            .map(|c| (c.speaker_span, c.scope))
            .collect();
        cues.retain(|c| {
            let scopes: Vec<Span> = verb_scopes
                .iter()
                .filter(|(speaker, _)| *speaker == c.speaker_span)
                .map(|&(_, scope)| scope)
                .collect();
            c.kind != CueKind::Subject
                || scopes.is_empty()
                || self.quoted.iter().any(|q| {
                    c.scope.start <= q.start
                        && q.end <= c.scope.end
                        && !scopes.iter().any(|s| s.start <= q.start && q.end <= s.end)
                })
        });
    }

    /// Pass [`POLL_SPEAKS_FOR_RESPONDENTS`].
    ///
    /// A poll or survey the sentence names (`In a Ledger poll released
    /// Monday, …`, `…, according to a Ledger poll`, `The survey found
    /// that …`) is who speaks for the people it asked: the words a share
    /// of them "said" are the poll's wording, and its figures are the
    /// poll's findings. Their attributions take the poll as speaker.
    pub(super) fn respondents_speak_through_their_poll(&self, cues: &mut [Cue]) {
        const POLL_WORDS: &[&str] = &["poll", "polls", "survey", "surveys"];
        let t = self.tokens;
        // The poll as a document named as written, without its article.
        let poll_named = |first: usize, head: usize| {
            let first = if phrase::is_determiner(t, first) {
                first + 1
            } else {
                first
            };
            let span = t.span(first, head);
            (
                Mention::Other {
                    name: t.text[span.start..span.end].to_string(),
                    kind: SpeakerKind::Document,
                },
                span,
            )
        };
        let head_in = |first: usize, last: usize| (first..=last).find(|&i| t.is_any(i, POLL_WORDS));
        let mut poll = cues.iter().find_map(|c| {
            let first = t.at_or_after(c.speaker_span.start);
            let last = t.covering(c.speaker_span.end.saturating_sub(1));
            head_in(first, last).map(|head| poll_named(first, head))
        });
        // An opening phrase `In a … poll …,`.
        if poll.is_none() && t.is(0, "in") {
            let comma = (1..t.len().min(16)).find(|&i| t.tokens[i].is_punct(','));
            if let Some(comma) = comma
                && let Some(head) = head_in(1, comma - 1)
            {
                poll = Some(poll_named(1, head));
            }
        }
        let Some((mention, span)) = poll else {
            return;
        };
        for cue in cues.iter_mut() {
            let respondents = matches!(
                cue.speaker,
                Mention::Other {
                    kind: SpeakerKind::Group,
                    ..
                } | Mention::Description { .. }
            );
            // The poll's own attribution names it as written, not by a
            // name inside it ("a Ledger poll" is no newspaper's words).
            let names_the_poll =
                cue.speaker_span.start <= span.start && span.end <= cue.speaker_span.end;
            if names_the_poll || (respondents && cue.kind != CueKind::According) {
                cue.speaker = mention.clone();
                cue.speaker_span = span;
                cue.found_by = POLL_SPEAKS_FOR_RESPONDENTS;
            }
        }
    }

    /// Pass [`SUBORDINATE_PRONOUN_IS_MAIN_SUBJECT`].
    ///
    /// A "he" or "she" opening a subordinate clause after the main one
    /// (`Bush went after Trump at the debate, when he called the
    /// businessman “…”`) is the main clause's named subject.
    pub(super) fn pronouns_of_subordinate_clauses(&self, cues: &mut [Cue]) {
        let t = self.tokens;
        let start = self.after_dateline(0);
        let main_subject = || {
            let (subject, _) = self.subject_after(start)?;
            (matches!(subject.mention, Mention::Person { .. })
                && self.verb_follows(subject.reach.1 + 1, t.len()))
            .then_some(subject)
        };
        for cue in cues.iter_mut() {
            let pronoun = t.at_or_after(cue.speaker_span.start);
            let subordinate = pronoun >= 2
                && t.is_any(pronoun, &["he", "she"])
                && t.is_a(pronoun - 1, WordClass::PronounSubordinator)
                && (t.tokens[pronoun - 2].is_punct(',') || t.tokens[pronoun - 2].is_word());
            if !subordinate || !matches!(cue.speaker, Mention::Pronoun(_)) {
                continue;
            }
            if let Some(subject) = main_subject()
                && subject.reach.1 < pronoun
            {
                cue.speaker = subject.mention;
                cue.speaker_span = t.span(subject.phrase.first, subject.phrase.last);
                cue.found_by = SUBORDINATE_PRONOUN_IS_MAIN_SUBJECT;
            }
        }
    }

    /// Pass [`RELATIVE_CLAUSE_ENDS_AT_MAIN_VERB`].
    ///
    /// An attribution inside a relative clause set off by commas (`his
    /// plan, which the Tax Office estimates would cost billions, would
    /// risk “…”`) covers that clause only. It ends at the comma after
    /// which the main clause's verb resumes (`…, would risk`); a participle
    /// there goes on with the reported words (`which X described as “…”,
    /// acting as …`).
    pub(super) fn relative_clauses_end_where_the_main_verb_resumes(&self, cues: &mut [Cue]) {
        let t = self.tokens;
        for cue in cues.iter_mut().filter(|c| !c.trailing) {
            let subject_first = t.at_or_after(cue.speaker_span.start);
            let relative = subject_first >= 2
                && t.is_any(subject_first - 1, &["which", "whom"])
                && t.tokens[subject_first - 2].is_punct(',');
            if !relative {
                continue;
            }
            let comma = t.at_or_after(cue.span.end);
            let Some(comma) = (comma..t.len()).find(|&i| t.tokens[i].is_punct(',')) else {
                continue;
            };
            let next = comma + 1;
            let resumes = t.tokens.get(next).is_some_and(|tk| tk.is_word())
                && !t.is_capitalised(next)
                && (t.is_a(next, WordClass::ClauseAuxiliary)
                    || self.rules.is_finite_verb_form(t.lower(next)));
            if resumes {
                cue.scope.end = cue.scope.end.min(t.tokens[comma].start);
            }
        }
    }
}

/// Pass [`ACCORDING_TO_SOURCE_REPORTS`].
///
/// `“…,” Sanders said, according to CNN`, `According to the school's post,
/// al Ashry said …`: the words are the speaker's, and the source that
/// reports them is their reporter (`reported_by`), as for `X quoted Y as
/// saying`. The "according to" attribution stays among the sentence's
/// cues: where the speaker's verb does not reach a quotation, it is still
/// the words' source.
pub(super) fn outer_source_reports(cues: &mut [Cue]) {
    let Some(according) = cues.iter().position(|c| c.kind == CueKind::According) else {
        return;
    };
    let source = (
        cues[according].speaker.clone(),
        cues[according].speaker_span,
    );
    let scope = cues[according].scope;
    for cue in cues.iter_mut() {
        let reports = !matches!(
            cue.kind,
            CueKind::According | CueKind::Subject | CueKind::Quoting
        ) && cue.reporter.is_none()
            && scope.start <= cue.span.start
            && cue.span.end <= scope.end;
        if reports {
            cue.reporter = Some(source.clone());
        }
    }
}

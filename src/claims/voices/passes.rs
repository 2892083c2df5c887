//! The passes that decide whose voice a quotation is in, in the order they
//! are tried.
//!
//! A quotation's speaker is decided by the first pass of [`GOVERNING`] that
//! finds an attribution governing it; a quotation of speech none governs is
//! given a speaker by the first pass of [`WITHOUT_CUE`] that finds one; a
//! quotation still without a speaker may take the next one's
//! ([`NEXT_QUOTATION_IN_PARAGRAPH`]). Each pass has one job, and its doc
//! comment gives the news sentence it exists for (written for this
//! documentation, not taken from any article). The quotation's
//! [`Voice`](super::Voice) records the name of the pass that decided it, and
//! any pass can be switched off ([`Switches`]) to measure what it is worth.
//!
//! The "except when …" cases are named too ([`EXCEPTIONS`]): a pass asks
//! them before it takes an attribution, as LanguageTool's antipatterns keep
//! a rule from matching. An exception that hands the quotation to another
//! attribution (a reporter whose words hold it) is recorded as the decision
//! instead of the pass that asked it.

use super::{Around, Governing, governs_at_a_distance};
use crate::claims::ResolvedCue;
use crate::claims::passes::Switches;
use crate::rules::attribution::CueKind;

/// A pass that looks for the attribution governing a quotation.
pub(crate) struct GoverningPass {
    pub(crate) name: &'static str,
    pub(crate) run: for<'q, 'a, 'c> fn(&'q Around<'a, 'c>) -> Option<Governing<'c>>,
}

/// A pass that gives a quotation of speech no attribution governs the
/// speaker of what stands before it.
pub(crate) struct WithoutCuePass {
    pub(crate) name: &'static str,
    pub(crate) run: for<'q, 'a, 'c> fn(&'q Around<'a, 'c>) -> Option<Continuation>,
}

/// A speaker a quotation takes from what stands before it.
pub(crate) struct Continuation {
    pub(crate) speaker: std::sync::Arc<crate::claims::Speaker>,
    /// Whether it is only a guess that a later quotation of the paragraph
    /// that names its speaker replaces.
    pub(crate) provisional: bool,
}

/// The attribution a quotation belongs to, in the order tried.
pub(crate) const GOVERNING: &[GoverningPass] = &[
    GoverningPass {
        name: CUE_RIGHT_AFTER,
        run: cue_right_after,
    },
    GoverningPass {
        name: CUE_RIGHT_BEFORE,
        run: cue_right_before,
    },
    GoverningPass {
        name: CUE_AFTER_IN_SENTENCE,
        run: cue_after_in_sentence,
    },
    GoverningPass {
        name: CUE_BEFORE_IN_SENTENCE,
        run: cue_before_in_sentence,
    },
    GoverningPass {
        name: CUE_SCOPE_COVERS,
        run: cue_scope_covers,
    },
    GoverningPass {
        name: CUE_CLOSING_SENTENCE,
        run: cue_closing_sentence,
    },
];

/// The speaker of a quotation of speech no attribution governs, in the
/// order tried.
pub(crate) const WITHOUT_CUE: &[WithoutCuePass] = &[
    WithoutCuePass {
        name: CONTINUES_PREVIOUS_QUOTATION,
        run: continues_previous_quotation,
    },
    WithoutCuePass {
        name: REPORT_OF_PREVIOUS_SENTENCE,
        run: report_of_previous_sentence,
    },
];

/// A quotation of speech left without a speaker, or with only a guess,
/// takes the speaker of the next quotation of its paragraph that names one
/// (`“The pier is gone.” “We start again Monday,” the harbourmaster said.`).
pub(crate) const NEXT_QUOTATION_IN_PARAGRAPH: &str = "next-quotation-in-paragraph";

/// The exceptions the passes ask, by name.
pub(crate) const EXCEPTIONS: &[&str] = &[
    PARTICIPLE_INTRODUCES_WHAT_FOLLOWS,
    GESTURE_YIELDS_TO_REPORT,
    SUBORDINATE_CLAUSE_YIELDS,
    REPORTER_CLOSING_SENTENCE,
    OUTERMOST_REPORTER,
];

pub(crate) const CUE_RIGHT_AFTER: &str = "cue-right-after";
pub(crate) const CUE_RIGHT_BEFORE: &str = "cue-right-before";
const CUE_AFTER_IN_SENTENCE: &str = "cue-after-in-sentence";
const CUE_BEFORE_IN_SENTENCE: &str = "cue-before-in-sentence";
const CUE_SCOPE_COVERS: &str = "cue-scope-covers";
const CUE_CLOSING_SENTENCE: &str = "cue-closing-sentence";
pub(crate) const CONTINUES_PREVIOUS_QUOTATION: &str = "continues-previous-quotation";
const REPORT_OF_PREVIOUS_SENTENCE: &str = "report-of-previous-sentence";
pub(super) const PARTICIPLE_INTRODUCES_WHAT_FOLLOWS: &str = "participle-introduces-what-follows";
pub(super) const GESTURE_YIELDS_TO_REPORT: &str = "gesture-yields-to-report";
pub(super) const SUBORDINATE_CLAUSE_YIELDS: &str = "subordinate-clause-yields";
pub(super) const REPORTER_CLOSING_SENTENCE: &str = "reporter-closing-sentence";
pub(super) const OUTERMOST_REPORTER: &str = "outermost-reporter";

/// The attribution governing the quotation `around` stands for, and the
/// pass (or exception) that found it: the first pass switched on that finds
/// one.
pub(super) fn governing<'c>(around: &Around<'_, 'c>, switches: &Switches) -> Option<Governing<'c>> {
    GOVERNING
        .iter()
        .filter(|pass| switches.is_on(pass.name))
        .find_map(|pass| (pass.run)(around))
}

/// The speaker of a quotation of speech no attribution governs, and the
/// pass that found it.
pub(super) fn without_cue(
    around: &Around<'_, '_>,
    switches: &Switches,
) -> Option<(Continuation, &'static str)> {
    WITHOUT_CUE
        .iter()
        .filter(|pass| switches.is_on(pass.name))
        .find_map(|pass| Some(((pass.run)(around)?, pass.name)))
}

/// An attribution right after the closing mark, with only punctuation
/// between: `“We will appeal,” the mayor said.`, `“We will appeal,” said
/// Mayor Okonjo.`, `“Never again.” ― Dana Wirth, 52`.
fn cue_right_after<'c>(q: &Around<'_, 'c>) -> Option<Governing<'c>> {
    let cue = q
        .after()
        .filter(|c| q.between(q.quote.close, c.cue.extent.start, &[]))?;
    Some(Governing::by(CUE_RIGHT_AFTER, cue))
}

/// An attribution right before the opening mark, with only punctuation or
/// "that" between: `The mayor said, “We will appeal.”`, `Okonjo put it
/// plainly: “We will appeal.”`, and the second part of `“We will,” Okonjo
/// said, “appeal.”`.
///
/// Except when it stands inside someone else's reported words and does not
/// introduce the quotation with a comma or colon: then the reporter speaks
/// ([`REPORTER_CLOSING_SENTENCE`], [`OUTERMOST_REPORTER`]).
fn cue_right_before<'c>(q: &Around<'_, 'c>) -> Option<Governing<'c>> {
    let cue = q.cues[q.first]
        .iter()
        .filter(|c| {
            c.cue.extent.end <= q.quote.open && q.between(c.cue.extent.end, q.quote.open, &["that"])
        })
        .max_by_key(|c| c.cue.extent.end)?;
    Some(q.held(&q.holding(), cue, CUE_RIGHT_BEFORE))
}

/// The first attribution after the closing mark in the quotation's
/// sentence, with only a few words between that could describe the speaker
/// and no clause of their own: `“We will appeal,” another friend, Ruth
/// Adeyemi told reporters.`, `“…,” as Okonjo said`.
fn cue_after_in_sentence<'c>(q: &Around<'_, 'c>) -> Option<Governing<'c>> {
    Some(Governing::by(CUE_AFTER_IN_SENTENCE, q.after()?))
}

/// The nearest attribution before the quotation in its sentence whose
/// reported words reach it: `The mayor said the ruling was “a gift to
/// developers”`.
///
/// Except when it stands inside someone else's reported words: `Aides said
/// the mayor called the ruling “a gift”` is the aides' report
/// ([`OUTERMOST_REPORTER`]), unless a comma or colon introduces the
/// quotation (`Aides said the mayor told them: “…”`).
fn cue_before_in_sentence<'c>(q: &Around<'_, 'c>) -> Option<Governing<'c>> {
    let holding = q.holding();
    let chosen = *holding.last()?;
    Some(q.held(&holding, chosen, CUE_BEFORE_IN_SENTENCE))
}

/// Any attribution of the quotation's sentences whose scope covers it, with
/// words between that keep it from the passes before: `“There was no
/// plan” for the pier in the budget, Okonjo said.`
fn cue_scope_covers<'c>(q: &Around<'_, 'c>) -> Option<Governing<'c>> {
    let cue = (q.first..=q.last)
        .flat_map(|i| q.cues[i].iter())
        .find(|c| {
            governs_at_a_distance(c)
                && c.cue.scope.start <= q.quote.open
                && q.quote.close <= c.cue.scope.end
        })?;
    Some(Governing::by(CUE_SCOPE_COVERS, cue))
}

/// The attribution that closes the sentence the quotation ends in, however
/// far after it, where its scope cannot cover a quotation that began in
/// an earlier sentence: `“We lost the pier. We lost the boats” in a single
/// night, Okonjo said.`
fn cue_closing_sentence<'c>(q: &Around<'_, 'c>) -> Option<Governing<'c>> {
    Some(Governing::by(CUE_CLOSING_SENTENCE, q.closing()?))
}

/// A quotation opening its sentence with no attribution continues the
/// quotation before it, when that one ended in the same or the previous
/// paragraph: the newspaper convention of a quote paragraph with no cue
/// (`“We will appeal,” Okonjo said. ¶ “And we will win.”`).
///
/// Except when the report of the sentence before stands nearer, between the
/// two quotations: then [`report_of_previous_sentence`] decides.
fn continues_previous_quotation(q: &Around<'_, '_>) -> Option<Continuation> {
    let previous = q.index.checked_sub(1)?;
    let previous_quote = &q.quotes[previous];
    let same_or_previous_block =
        q.block_of(q.quote.open) <= q.block_of(previous_quote.close.saturating_sub(1)) + 1;
    let voice = q.voices.get(previous)?;
    if !(q.opens_sentence() && same_or_previous_block && voice.kind == super::QuoteKind::Speech) {
        return None;
    }
    let speaker = voice.speaker.clone()?;
    // The report stands between the quotations.
    let report_is_nearer = q.reported_before().is_some_and(|(previous_sentence, _)| {
        q.quotes[previous].close <= q.sentences[previous_sentence].span.start
    });
    (!report_is_nearer).then_some(Continuation {
        speaker,
        provisional: false,
    })
}

/// A quotation opening a sentence right after one that reports someone's
/// words is that speaker's (`Okonjo recalled how the pier burned. “We lost
/// everything.”`); so is one inside a sentence with no attribution of its
/// own right after a report in its paragraph (`Okonjo said the fire was
/// set. Doing so “was an act of spite.”`). Only a guess: a later quotation
/// of the paragraph that names its speaker replaces it.
fn report_of_previous_sentence(q: &Around<'_, '_>) -> Option<Continuation> {
    let (_, speaker) = q.reported_before()?;
    Some(Continuation {
        speaker,
        provisional: true,
    })
}

impl<'c> Around<'_, 'c> {
    /// Exception: a cue after the quotation that only introduces the words
    /// after it — an infinitive (`Wirth mocked the “brave” decision Okonjo
    /// made to request a recount` is Wirth's word), or a participle whose
    /// subject stands before the quotation — governs nothing before it.
    pub(super) fn introduces_what_follows(&self, cue: &ResolvedCue) -> bool {
        self.switches.is_on(PARTICIPLE_INTRODUCES_WHAT_FOLLOWS)
            && super::introduces_what_follows(self.document, cue, self.quote)
    }

    /// Exception: a gesture after the quotation (`…, the crowd laughed`)
    /// yields to a verb before it whose reported words hold the quotation
    /// (`Okonjo said the board acted in “bad faith,” the crowd laughed`).
    fn gesture_yields_to_report(&self, c: &ResolvedCue) -> bool {
        let gesture = c.cue.quote_only && c.cue.kind != CueKind::Subject;
        self.switches.is_on(GESTURE_YIELDS_TO_REPORT)
            && gesture
            && self.cues[self.first].iter().any(|c| self.holds_it(c))
    }

    /// Exception: any attribution after the quotation yields to the verb of
    /// an opening subordinate clause that holds it (`When Okonjo called the
    /// plan “a fire sale,” the union said nothing`).
    fn subordinate_clause_yields(&self) -> bool {
        self.switches.is_on(SUBORDINATE_CLAUSE_YIELDS) && self.held_in_subordinate()
    }

    /// Whether an attribution after the quotation yields to one before it.
    pub(super) fn yields(&self, c: &ResolvedCue) -> bool {
        self.gesture_yields_to_report(c) || self.subordinate_clause_yields()
    }

    /// The attribution a quotation governed by `chosen` (found by the pass
    /// `by`) belongs to: `chosen` when it introduces the quotation with a
    /// comma or colon (`Aides said the mayor told them: “…”`); else the
    /// reporter whose words hold it:
    ///
    /// * exception [`REPORTER_CLOSING_SENTENCE`]: the attribution that
    ///   closes the sentence holds the words before it, attributions in
    ///   them included (`The ruling signals “the end of the pier” for the
    ///   town, said Okonjo`);
    /// * exception [`OUTERMOST_REPORTER`]: the outermost attribution before
    ///   it whose reported words hold `chosen` (`Aides said the mayor
    ///   called it “a gift”` is the aides' report).
    pub(super) fn held(
        &self,
        holding: &[&'c ResolvedCue],
        chosen: &'c ResolvedCue,
        by: &'static str,
    ) -> Governing<'c> {
        if self.introduces(chosen) {
            return Governing::by(by, chosen);
        }
        if self.switches.is_on(REPORTER_CLOSING_SENTENCE)
            && let Some(closing) = self.reported_by_closing()
        {
            return Governing::by(REPORTER_CLOSING_SENTENCE, closing);
        }
        if self.switches.is_on(OUTERMOST_REPORTER) {
            let outer = super::outermost(self.document, self.lexicon, holding, chosen);
            if !std::ptr::eq(outer, chosen) {
                return Governing::by(OUTERMOST_REPORTER, outer);
            }
        }
        Governing::by(by, chosen)
    }
}

//! `contradicted-claim`: a close retelling of a source that says otherwise
//! in one slot.
//!
//! What `claimtrace explain contradicted-claim` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/statement.rs`.

use super::{Doc, Kind, Severity, Violation, one_line};
use crate::check::Verdict;
use crate::check::trace::Slot;

/// The name used on the command line and in every output.
pub const NAME: &str = "contradicted-claim";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Warning;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Contradicted);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds a claim that closely retells a source passage but says otherwise in one slot: another person, place, organisation or thing where the passage names someone else; a word of opposite meaning in the same place (\"rejected\" where the passage has \"approved\", listed in `rules/en/opposites.txt`); a negation present on one side only; or a hedge in the source (\"proposed\", \"plans to\", \"welcomed the proposal\", \"may\") that the draft states as done or decided (\"signed\", \"will\", \"approved\"). The message names the slot; the fix gives the source's words.",
    why: "A sentence that is almost the source's is the most convincing kind of error: every other word checks out, so the one that does not is easy to miss for an editor and impossible to see for a reader.",
    example: "Source: Singh welcomed the EU’s proposal for posting a liaison officer at the Information Fusion Centre.\nDraft:  The EU will station a liaison officer at the Information Fusion Centre.\n        warning[contradicted-claim]: the source is less certain: it has “proposal” where the draft has “will”",
};

/// A clause that closely retells a source passage but says otherwise in
/// one or more slots.
pub struct ContradictedClaim<'a> {
    /// The slots that differ; at least one.
    pub slots: &'a [Slot],
    /// The passage's words, which the fix gives.
    pub source: &'a str,
}

impl Violation for ContradictedClaim<'_> {
    const KIND: Kind = Kind::ContradictedClaim;

    /// Names each slot that differs.
    fn message(&self) -> String {
        let parts: Vec<String> = self
            .slots
            .iter()
            .map(|slot| match slot {
                Slot::Name { draft, source } => format!(
                    "the source names {} where the draft names {}",
                    source.join(", "),
                    draft.join(", ")
                ),
                Slot::Negation {
                    draft_negates: true,
                    words,
                } => format!("the draft negates what the source states (“{words}”)"),
                Slot::Negation {
                    draft_negates: false,
                    words,
                } => format!("the source negates what the draft states (“{words}”)"),
                Slot::Opposite { draft, source } => format!(
                    "the source says the opposite: it has “{source}” where the draft has “{draft}”"
                ),
                Slot::Certainty { hedge, draft } => format!(
                    "the source is less certain: it has “{hedge}” where the draft has “{draft}”"
                ),
            })
            .collect();
        parts.join("; ")
    }

    fn fix(&self) -> Option<String> {
        Some(format!("follow the source: “{}”", one_line(self.source)))
    }
}

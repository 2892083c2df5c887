//! `conflicting-sources`: a figure or a name the sources disagree on,
//! given one way without saying so.
//!
//! What `claimtrace explain conflicting-sources` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/conflict.rs`.

use super::{Doc, Kind, Severity, Violation};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "conflicting-sources";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Warning;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Contradicted);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds a figure or a name on which the draft's sources disagree, where the draft gives one source's value without saying that another gives a different one. A name counts where two sources tell the same sentence but for it (\"John Archer\" against \"John Archibald\"). The message names both sources and both values. A draft that reports the disagreement (both values, or words such as \"disputed\" or \"other reports\") is not flagged.",
    why: "When sources disagree, picking one side silently presents a contested fact as settled. The reader deserves to know that the record is not clear.",
    example: "Source a.txt: The council approved the plan by 7 votes to 2.\nSource b.txt: The council approved the plan by 6 votes to 3.\nDraft:        The council approved the plan by 7 votes to 2.\n              warning[conflicting-sources]: a.txt gives 7, b.txt gives 6",
};

/// Figures or names the draft gives as one source does, where another
/// source gives other values.
pub struct ConflictingSources<'a> {
    /// The source the draft follows, and its figures as the draft writes
    /// them.
    pub followed: &'a str,
    pub ours: Vec<&'a str>,
    /// The source that disagrees, and its figures.
    pub other: &'a str,
    pub theirs: Vec<&'a str>,
}

impl Violation for ConflictingSources<'_> {
    const KIND: Kind = Kind::ConflictingSources;

    fn message(&self) -> String {
        format!(
            "the sources disagree: {} gives {}, {} gives {}",
            self.followed,
            self.ours.join(", "),
            self.other,
            self.theirs.join(", ")
        )
    }

    fn fix(&self) -> Option<String> {
        Some(format!(
            "say that the sources disagree, or give both: {} and {}",
            self.ours.join(", "),
            self.theirs.join(", ")
        ))
    }
}

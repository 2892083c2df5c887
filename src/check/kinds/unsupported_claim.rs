//! `unsupported-claim`: a statement in the draft's own voice that no source
//! holds.
//!
//! What `claimtrace explain unsupported-claim` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/statement.rs`.

use super::{Doc, Kind, Severity, Violation, quoted_list};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "unsupported-claim";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Warning;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Unsupported);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds a statement in the draft's own voice whose content no source holds: a clause with a name no source uses, or with several content words (names, things, actions) that no source uses at all. Words are compared by their stems and the paraphrase groups of `rules/en/paraphrases.txt`, so a faithful rewrite in other words passes. The finding covers the unsupported words, so an invented clause added to a true sentence is marked at the clause.",
    why: "A derived document should say only what its sources support. An invented detail reads exactly like a traced one, and the reader has no way to tell them apart.",
    example: "Source: India and the EU finalised a Security and Defence Partnership on Tuesday.\nDraft:  India and the EU signed a free trade agreement covering agriculture and dairy on Tuesday.\n        warning[unsupported-claim]: no source supports “free”, “trade”, “covering”, “agriculture”, “dairy”",
};

/// A clause in the draft's own voice whose content no source holds.
pub struct UnsupportedClaim<'a> {
    /// Its words no source uses.
    pub words: Vec<&'a str>,
}

impl Violation for UnsupportedClaim<'_> {
    const KIND: Kind = Kind::UnsupportedClaim;

    fn message(&self) -> String {
        format!("no source supports {}", quoted_list(&self.words))
    }
}

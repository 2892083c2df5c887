//! `misattributed-statement`: reported speech whose content a source gives
//! to someone else.
//!
//! What `claimtrace explain misattributed-statement` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/statement.rs`.

use super::{Doc, Kind, Severity, Violation};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "misattributed-statement";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Warning;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Contradicted);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds reported speech (\"X said that …\", without quotation marks) whose content a source gives to someone else. Aliases of one speaker (a surname, a full name, a role) are the same speaker.",
    why: "Reported speech tells the reader who holds a position. Giving one person's statement to another misinforms about both, even when the statement itself is reported faithfully.",
    example: "Source: Kallas said the first meeting will take place in a month.\nDraft:  Singh said the first meeting would take place in a month.\n        warning[misattributed-statement]: the source gives this to Kallas, not Singh",
};

/// Reported speech whose content a source gives to someone else.
pub struct MisattributedStatement<'a> {
    /// Who the draft says said it.
    pub speaker: &'a str,
    /// Who the source says said it.
    pub source_speaker: &'a str,
}

impl Violation for MisattributedStatement<'_> {
    const KIND: Kind = Kind::MisattributedStatement;

    fn message(&self) -> String {
        format!(
            "the source gives this to {}, not {}",
            self.source_speaker, self.speaker
        )
    }

    fn fix(&self) -> Option<String> {
        Some(format!("attribute it to {}", self.source_speaker))
    }
}

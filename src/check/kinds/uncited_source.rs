//! `uncited-source`: a claim that only an archive file the draft does not
//! cite holds.
//!
//! What `claimtrace explain uncited-source` prints is [`DOC`]; the check
//! that finds it is in `src/archive/uncited.rs`. Only a check with an
//! archive index (`check --index`) can find one, so outputs that list
//! every kind (the SARIF rules, the HTML legend) list it only when a run
//! reports it, and a run without an index reads as it always did.

use super::{Doc, Kind, Severity, Violation};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "uncited-source";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Info;

/// The verdict a finding of this kind gives its claim: none, the claim is
/// supported; only its citation is missing.
pub const VERDICT: Option<Verdict> = None;

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Notes a claim that the archive supports but none of the draft's named sources does. The message names the archive file that holds it, so the writer can cite it.",
    why: "The claim is right, but a reader, an editor or a later fact-checker cannot see where it comes from. A citation makes the trace visible.",
    example: "Draft: The pier reopens in May.   (checked with --index, no source named)\n       info[uncited-source]: only archive/2024/pier.txt holds this claim, and the draft does not cite it",
};

/// A supported claim held only by an archive file the draft does not
/// cite.
pub struct UncitedSource<'a> {
    /// The archive file that holds the claim (as shown in the audit).
    pub holder: &'a str,
}

impl Violation for UncitedSource<'_> {
    const KIND: Kind = Kind::UncitedSource;

    fn message(&self) -> String {
        format!(
            "only {} holds this claim, and the draft does not cite it",
            self.holder
        )
    }

    fn fix(&self) -> Option<String> {
        Some(format!("cite {} as a source", self.holder))
    }
}

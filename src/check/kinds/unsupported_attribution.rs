//! `unsupported-attribution`: reported speech whose content no source holds.
//!
//! What `claimtrace explain unsupported-attribution` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/statement.rs`.

use super::{Doc, Kind, Severity, Violation, quoted_list};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "unsupported-attribution";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Warning;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Unsupported);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds reported speech (\"X said …\" without quotation marks) whose content no source claim supports, whoever the source gives it to.",
    why: "Reported speech is still a claim about what someone said. When the sources hold nothing like it, the draft attributes a position without evidence.",
    example: "Draft: Singh said India would buy European fighter jets.\n       warning[unsupported-attribution]: no source supports what this sentence reports",
};

/// Reported speech whose content no source holds.
pub struct UnsupportedAttribution<'a> {
    /// Who the draft says said it.
    pub speaker: &'a str,
    /// The words of it no source uses (there may be none: then the
    /// content as a whole is not in the sources).
    pub words: Vec<&'a str>,
}

impl Violation for UnsupportedAttribution<'_> {
    const KIND: Kind = Kind::UnsupportedAttribution;

    fn message(&self) -> String {
        let speaker = self.speaker;
        if self.words.is_empty() {
            format!("no source supports what {speaker} is reported to have said here")
        } else {
            format!(
                "no source supports what {speaker} is reported to have said here: {}",
                quoted_list(&self.words)
            )
        }
    }
}

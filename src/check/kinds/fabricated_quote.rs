//! `fabricated-quote`: a quotation no source holds.
//!
//! What `claimtrace explain fabricated-quote` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/quotation.rs`.

use super::{Doc, Kind, Severity, Violation};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "fabricated-quote";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Error;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Unsupported);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds quoted text that has no close counterpart in any source.",
    why: "A quotation nobody can trace is a quotation nobody said as far as the sources show. It is either invented or taken from a source the draft does not declare.",
    example: "Draft: “India is the EU's closest partner,” Kallas said.\n       error[fabricated-quote]: no source has these words",
};

/// A quotation with no counterpart in any source.
pub struct FabricatedQuote;

impl Violation for FabricatedQuote {
    const KIND: Kind = Kind::FabricatedQuote;

    fn message(&self) -> String {
        "no source has these words".to_string()
    }
}

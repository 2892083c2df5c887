//! `broken-citation`: a footnote that leads nowhere.
//!
//! What `claimtrace explain broken-citation` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/citation.rs`.

use super::{Doc, Kind, Severity, Violation};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "broken-citation";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Error;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = None;

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds a footnote marker without a definition, and a definition that names no source or a file that does not exist.",
    why: "A citation that leads nowhere is no citation: the claim it was meant to support is left without a source.",
    example: "Draft: Misri said so.[^3]   (no [^3]: definition)\n       error[broken-citation]: footnote [^3] has no definition",
};

/// A footnote that leads nowhere; `label` is the footnote's (`3` for
/// `[^3]`).
pub enum BrokenCitation<'a> {
    /// A marker without a definition.
    Undefined { label: &'a str },
    /// A definition naming a file, as `written`, that does not exist.
    Missing { label: &'a str, written: &'a str },
    /// A definition that names nothing.
    Empty { label: &'a str },
}

impl Violation for BrokenCitation<'_> {
    const KIND: Kind = Kind::BrokenCitation;

    fn message(&self) -> String {
        match self {
            BrokenCitation::Undefined { label } => format!("footnote [^{label}] has no definition"),
            BrokenCitation::Missing { label, written } => {
                format!("footnote [^{label}] cites `{written}`, which does not exist")
            }
            BrokenCitation::Empty { label } => format!("footnote [^{label}] names no source"),
        }
    }

    fn fix(&self) -> Option<String> {
        match self {
            BrokenCitation::Undefined { label } => {
                Some(format!("add a definition: [^{label}]: path/to/source.txt"))
            }
            BrokenCitation::Missing { .. } | BrokenCitation::Empty { .. } => None,
        }
    }
}

//! `unsourced-figure`: a figure no source gives.
//!
//! What `claimtrace explain unsourced-figure` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/figure.rs`.

use super::{Doc, Kind, Severity, Violation, one_line};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "unsourced-figure";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Warning;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Unsupported);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds a figure with no counterpart in the sources, and that no simple arithmetic on source figures gives.",
    why: "A figure that cannot be traced cannot be checked. It may be right, but the draft gives the reader no way to know where it comes from.",
    example: "Draft: The EU has such agreements with twelve countries.\n       warning[unsourced-figure]: no source gives twelve countries",
};

/// A figure no source gives, nor any simple arithmetic on theirs.
pub struct UnsourcedFigure<'a> {
    /// The figure as the draft writes it.
    pub figure: &'a str,
}

impl Violation for UnsourcedFigure<'_> {
    const KIND: Kind = Kind::UnsourcedFigure;

    fn message(&self) -> String {
        format!("no source gives {}", one_line(self.figure))
    }
}

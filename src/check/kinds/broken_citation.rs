//! `broken-citation`: a footnote that leads nowhere.
//!
//! What `claimtrace explain broken-citation` prints is [`DOC`].

use super::{Doc, Severity};
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

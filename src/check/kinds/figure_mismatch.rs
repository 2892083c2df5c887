//! `figure-mismatch`: a figure that differs from the one in the source passage retold.
//!
//! What `claimtrace explain figure-mismatch` prints is [`DOC`].

use super::{Doc, Severity};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "figure-mismatch";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Error;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Contradicted);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds a figure that matches a figure of the source passage the sentence comes from in kind, but not in value, unit or qualifier: €150 million for €150 billion, 2035 for 2030, half for a third, \"over\" for \"up to\". Different spellings of one figure match (€150-billion, €150 billion, 150 billion euros, €150bn).",
    why: "Figures are what readers remember and repeat. A changed scale, year or qualifier is a factual error even when every word around it is right.",
    example: "Source: … mobilising up to €800 billion by 2030.\nDraft:  … mobilising up to €800 billion by 2035.\n        error[figure-mismatch]: 2035 does not match 2030 in the source",
};

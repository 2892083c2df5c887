//! `misattributed-quote`: a source's quotation put in another speaker's mouth.
//!
//! What `claimtrace explain misattributed-quote` prints is [`DOC`].

use super::{Doc, Severity};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "misattributed-quote";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Error;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Contradicted);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds a quotation whose wording is in a source but that the draft puts in another speaker's mouth, including the source article's own words presented as someone's quotation. Aliases of one speaker (\"Singh\", \"Rajnath Singh\", \"the defence minister\") are the same speaker.",
    why: "The right words in the wrong mouth misinform as surely as wrong words: the reader learns that a person holds a position they never stated.",
    example: "Source: “We will also explore Indian participation …,” she [Kallas] added.\nDraft:  “We will also explore Indian participation …,” Singh said.\n        error[misattributed-quote]: the source gives these words to Kaja Kallas",
};

//! `misattributed-quote`: a source's quotation put in another speaker's
//! mouth.
//!
//! What `claimtrace explain misattributed-quote` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/quotation.rs`.

use super::{Doc, Kind, Severity, Violation};
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

/// A quotation a source holds word for word, in another mouth than the
/// draft's `speaker`.
pub enum MisattributedQuote<'a> {
    /// A source quotes `source_speaker` saying these words.
    Quoted {
        speaker: &'a str,
        source_speaker: &'a str,
    },
    /// A source reports these words from `source_speaker`, without quoting
    /// them.
    Reported {
        speaker: &'a str,
        source_speaker: &'a str,
    },
    /// These are the source article's own words, in nobody's mouth.
    Narration { speaker: &'a str },
}

impl Violation for MisattributedQuote<'_> {
    const KIND: Kind = Kind::MisattributedQuote;

    fn message(&self) -> String {
        match self {
            MisattributedQuote::Quoted {
                speaker,
                source_speaker,
            } => format!("the source gives these words to {source_speaker}, not {speaker}"),
            MisattributedQuote::Reported {
                speaker,
                source_speaker,
            } => format!("the source reports these words from {source_speaker}, not {speaker}"),
            MisattributedQuote::Narration { speaker } => {
                format!("these are the source article's own words, not a quotation of {speaker}")
            }
        }
    }

    fn fix(&self) -> Option<String> {
        Some(match self {
            MisattributedQuote::Quoted { source_speaker, .. }
            | MisattributedQuote::Reported { source_speaker, .. } => {
                format!("attribute the quotation to {source_speaker}")
            }
            MisattributedQuote::Narration { .. } => {
                "remove the quotation marks or the attribution".to_string()
            }
        })
    }
}

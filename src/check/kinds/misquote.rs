//! `misquote`: quoted words that differ from the source's.
//!
//! What `claimtrace explain misquote` prints is [`DOC`].

use super::{Doc, Severity};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "misquote";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Error;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Contradicted);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds text in quotation marks that is a near copy of a source quotation or passage, with words changed, added or dropped. An ellipsis marking an omission, a bracketed insertion, straight or curly marks, dashes, whitespace and the case of a letter are not changes; nor are British and American spellings or hyphenation, unless `--strict-quotes` is given.",
    why: "Quotation marks promise the reader the speaker's exact words. One changed word can change what a person is on record as saying, and a misquote is the correction a publication most often has to print.",
    example: "Source: “The partnership will become a force multiplier,” Singh said.\nDraft:  “The partnership will become a major force multiplier,” Singh said.\n        error[misquote]: the quotation adds “major” to the source wording",
};

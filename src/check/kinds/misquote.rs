//! `misquote`: quoted words that differ from the source's.
//!
//! What `claimtrace explain misquote` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/quotation.rs`.

use super::{Doc, Kind, Severity, Violation, one_line};
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

/// A quotation that is a near copy of source words.
pub struct Misquote<'a> {
    /// The draft's words the source lacks, and the source's words the
    /// draft lacks.
    pub added: &'a [String],
    pub removed: &'a [String],
    /// The word diff, source to draft: `[-removed-]` and `{+added+}`.
    pub diff: &'a str,
    /// The source words the quotation copies, as the source writes them.
    pub source: &'a str,
    /// The quotation as the draft writes it, without its marks.
    pub quoted: &'a str,
}

impl Misquote<'_> {
    /// The source words as a draft can quote them: on one line, without
    /// the quotation marks that close and reopen a quotation between
    /// paragraphs.
    fn source_wording(&self) -> String {
        one_line(&self.source.replace(['“', '”', '"', '«', '»', '„'], ""))
    }
}

impl Violation for Misquote<'_> {
    const KIND: Kind = Kind::Misquote;

    fn message(&self) -> String {
        let change = match (self.added.is_empty(), self.removed.is_empty()) {
            (false, true) => format!("adds “{}”", self.added.join(" ")),
            (true, false) => format!("drops “{}”", self.removed.join(" ")),
            _ => format!(
                "changes “{}” to “{}”",
                self.removed.join(" "),
                self.added.join(" ")
            ),
        };
        format!("the quotation {change} (source to draft: {})", self.diff)
    }

    fn fix(&self) -> Option<String> {
        Some(format!("quote the source: “{}”", self.source_wording()))
    }

    fn replacement(&self) -> Option<String> {
        let wording = self.source_wording();
        // The draft's closing punctuation inside the marks ("… six
        // years.”") stays: the sentence still needs it.
        let quoted = self.quoted;
        let closing = &quoted[quoted
            .trim_end_matches(['.', ',', '!', '?', ';', ':', '…'])
            .len()..];
        Some(if wording.ends_with(closing) {
            wording
        } else {
            format!("{wording}{closing}")
        })
    }
}

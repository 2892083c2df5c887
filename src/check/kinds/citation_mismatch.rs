//! `citation-mismatch`: a footnote that cites a source not holding the claim.
//!
//! What `claimtrace explain citation-mismatch` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/citation.rs`.

use super::{Doc, Kind, Severity, Violation};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "citation-mismatch";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Warning;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Contradicted);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds a claim whose footnote cites a source that does not hold it. The message names the source that does, when one does.",
    why: "A citation tells the reader where to check a claim. Pointing at the wrong source sends them to a page that does not say it, and hides the one that does.",
    example: "Draft: Kallas said the first meeting is in a month.[^1]\n       [^1]: sources/other-article.txt\n       warning[citation-mismatch]: sources/other-article.txt does not hold this claim; seeds/article.txt does",
};

/// A claim whose footnote cites a source that does not hold it.
pub struct CitationMismatch<'a> {
    /// The source cited (the first, when a claim cites several).
    pub cited: &'a str,
    /// The source that holds the claim, if one does.
    pub holder: Option<&'a str>,
}

impl Violation for CitationMismatch<'_> {
    const KIND: Kind = Kind::CitationMismatch;

    fn message(&self) -> String {
        let cited = self.cited;
        match self.holder {
            Some(holder) => format!("{cited} does not hold this claim; {holder} does"),
            None => format!("{cited} does not hold this claim, nor does any other source"),
        }
    }

    fn fix(&self) -> Option<String> {
        self.holder.map(|holder| format!("cite {holder}"))
    }
}

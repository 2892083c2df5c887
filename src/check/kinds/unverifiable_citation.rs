//! `unverifiable-citation`: a footnote that cites a web address.
//!
//! What `claimtrace explain unverifiable-citation` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/citation.rs`.

use super::{Doc, Kind, Severity, Violation};
use crate::check::Verdict;

/// The name used on the command line and in every output.
pub const NAME: &str = "unverifiable-citation";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Info;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = None;

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Notes a footnote that cites a web address. claimtrace never fetches anything, so it cannot check the claim against it.",
    why: "The claim may well be right, but this check cannot vouch for it: a reviewer has to open the link.",
    example: "Draft: The pact was signed on Tuesday.[^1]\n       [^1]: https://example.com/story\n       info[unverifiable-citation]: cites a web address, which is not fetched",
};

/// A footnote, `[^label]`, that cites a web address.
pub struct UnverifiableCitation<'a> {
    pub label: &'a str,
    pub url: &'a str,
}

impl Violation for UnverifiableCitation<'_> {
    const KIND: Kind = Kind::UnverifiableCitation;

    fn message(&self) -> String {
        format!(
            "footnote [^{}] cites a web address, which claimtrace does not fetch: {}",
            self.label, self.url
        )
    }
}

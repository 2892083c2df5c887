//! `figure-mismatch`: a figure that differs from the one in the source
//! passage retold.
//!
//! What `claimtrace explain figure-mismatch` prints is [`DOC`];
//! the check that finds it is in `src/check/draft/figure.rs`.

use super::{Doc, Kind, Severity, Violation, one_line};
use crate::check::Verdict;
use crate::claims::Figure;

/// The name used on the command line and in every output.
pub const NAME: &str = "figure-mismatch";

/// The severity a finding has unless a configuration says otherwise.
pub const SEVERITY: Severity = Severity::Warning;

/// The verdict a finding of this kind gives its claim.
pub const VERDICT: Option<Verdict> = Some(Verdict::Contradicted);

/// What it finds, why that is bad, and an example.
pub const DOC: Doc = Doc {
    what: "Finds a figure that matches a figure of the source passage the sentence comes from in kind, but not in value, unit or qualifier: €150 million for €150 billion, 2035 for 2030, half for a third, \"over\" for \"up to\". Different spellings of one figure match (€150-billion, €150 billion, 150 billion euros, €150bn).",
    why: "Figures are what readers remember and repeat. A changed scale, year or qualifier is a factual error even when every word around it is right.",
    example: "Source: … mobilising up to €800 billion by 2030.\nDraft:  … mobilising up to €800 billion by 2035.\n        warning[figure-mismatch]: 2035 does not match 2030 in the source",
};

/// A figure of the draft that differs from the figure of the same kind in
/// the source passage the sentence retells.
pub struct FigureMismatch<'a> {
    pub draft: &'a Figure,
    pub source: &'a Figure,
}

impl FigureMismatch<'_> {
    /// The source's figure as it reads, with its qualifier ("up to").
    fn source_text(&self) -> String {
        let source = self.source;
        match &source.qualifier {
            Some(q) if !source.text.to_lowercase().starts_with(q.as_str()) => {
                format!("{q} {}", source.text)
            }
            _ => source.text.to_string(),
        }
    }
}

impl Violation for FigureMismatch<'_> {
    const KIND: Kind = Kind::FigureMismatch;

    fn message(&self) -> String {
        let draft = self.draft;
        let draft_text = match &draft.qualifier {
            Some(q) => format!("{q} {}", draft.text),
            None => draft.text.to_string(),
        };
        format!(
            "{} does not match {} in the source",
            one_line(&draft_text),
            one_line(&self.source_text())
        )
    }

    fn fix(&self) -> Option<String> {
        Some(format!("write {}", self.source_text()))
    }

    fn replacement(&self) -> Option<String> {
        // The finding's words are the figure without its qualifier: the
        // source's figure replaces it as it stands when the qualifiers
        // agree, and with the source's qualifier where the draft has none;
        // differing qualifiers are left to the writer.
        match &self.draft.qualifier {
            None => Some(self.source_text()),
            Some(_) if self.draft.qualifier == self.source.qualifier => {
                Some(self.source.text.to_string())
            }
            Some(_) => None,
        }
    }
}

//! Footnote citations: a footnote must lead to a source
//! (`broken-citation`), one that is read (`unverifiable-citation` for a
//! web address), and that source must hold the claim that cites it
//! (`citation-mismatch`).

use super::{Checked, DraftChecker};
use crate::check::kinds::{
    broken_citation::BrokenCitation, citation_mismatch::CitationMismatch,
    unverifiable_citation::UnverifiableCitation,
};
use crate::check::{Confidence, Evidence, Finding, figures, normalize};
use crate::citations::{Citation, Cited};
use crate::claims::Claim;
use crate::span::Span;

/// How many source sentences sharing words with a citing sentence are
/// looked at for one in a cited source that retells it.
const CITED_CANDIDATES: usize = 50;

impl DraftChecker<'_, '_> {
    /// A citation that cites no readable source: no definition, a missing
    /// file, nothing at all, or a web address.
    pub(super) fn check_unusable_citation(&self, citation: &Citation) -> Option<Finding> {
        let label = &citation.label;
        Some(match &citation.cited {
            Cited::Undefined => self.finding(&BrokenCitation::Undefined { label }, citation.span),
            Cited::Missing {
                written,
                definition,
            } => self.finding(&BrokenCitation::Missing { label, written }, *definition),
            Cited::Empty { definition } => {
                self.finding(&BrokenCitation::Empty { label }, *definition)
            }
            Cited::Url(url) => self.finding(&UnverifiableCitation { label, url }, citation.span),
            Cited::Source(_) => return None,
        })
    }

    /// A claim that cites `cites` (marker span, source path) must be held
    /// by one of them: its evidence must come from a cited source, or, if
    /// it needed none, a cited source must retell it.
    pub(super) fn check_citation(
        &self,
        claim: &Claim<'_>,
        cites: &[(Span, &str)],
        evidence: &[Evidence],
    ) -> Checked {
        let is_cited = |path: &str| cites.iter().any(|(_, cited)| *cited == path);
        if evidence.iter().any(|e| is_cited(&e.source)) {
            return Checked::Nothing;
        }
        // A cited source that retells the sentence holds it, though another
        // source holds it better: the draft may have taken it from both.
        let words = normalize::words(claim.text, claim.span.start, self.strictness);
        let retold = figures::retold_among(self.index, &words, CITED_CANDIDATES);
        if let Some(&unit) = retold.iter().find(|&&u| is_cited(&self.source_path(u))) {
            return Checked::Held(self.evidence(unit, self.index.units[unit].span, None));
        }
        let holder = evidence
            .first()
            .map(|first| first.source.clone())
            .or_else(|| retold.first().map(|&u| self.source_path(u)));
        let (marker, cited) = cites[0];
        let violation = CitationMismatch {
            cited,
            holder: holder.as_deref(),
        };
        // Only another source that holds the claim shows the citation
        // wrong; where no source holds it, the claim is what is
        // unsupported, and the citation is only a lead.
        let confidence = if holder.is_some() {
            Confidence::High
        } else {
            Confidence::Low
        };
        Checked::Found(self.finding(&violation, marker).with_confidence(confidence))
    }
}

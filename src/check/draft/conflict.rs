//! Figures the sources disagree on: `conflicting-sources`, when the draft
//! gives one source's value without saying another gives a different one.

use super::DraftChecker;
use crate::check::Finding;
use crate::check::figures;
use crate::check::kinds::conflicting_sources::ConflictingSources;
use crate::check::trace::Place;
use crate::claims::{self, Claim};
use crate::span::Span;

impl DraftChecker<'_, '_> {
    /// Figures the draft's sources disagree on: the draft's figure is in
    /// one source's retelling of the claim, and another source's retelling
    /// has, in the same place (the same rank among figures of its kind and
    /// unit), a different value. A claim that reports the disagreement
    /// (both values, or words such as "disputed") is not a conflict.
    pub(super) fn check_conflicts(&self, claim: &Claim<'_>, retold: &[usize]) -> Option<Finding> {
        if claim.figures.is_empty() || retold.len() < 2 {
            return None;
        }
        let tokens = self.tracer.lexicon.tokens(claim.text, claim.span.start);
        if !self.tracer.lexicon.disagreement(&tokens).is_empty() {
            return None;
        }
        // The rank of each figure among the claim's figures of its kind
        // and unit.
        let rank = |figures: &[claims::Figure], i: usize| {
            let f = &figures[i];
            figures[..i]
                .iter()
                .filter(|g| g.kind == f.kind && g.unit == f.unit)
                .count()
        };
        let same_place = |figures: &'_ [claims::Figure], like: &claims::Figure, r: usize| {
            figures
                .iter()
                .filter(|g| g.kind == like.kind && g.unit == like.unit)
                .nth(r)
                .cloned()
        };
        let mut sides: Vec<(String, String, String, String, usize, Span)> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for (i, figure) in claim.figures.iter().enumerate() {
            let r = rank(&claim.figures, i);
            // The retelling that holds this figure in this place.
            let Some(&holder) = retold.iter().find(|&&u| {
                same_place(self.index.figures_of(u), figure, r)
                    .is_some_and(|g| figures::same_figure(figure, &g))
            }) else {
                continue;
            };
            let holder_source = self.index.units[holder].source;
            for &other in retold {
                let source = self.index.units[other].source;
                if source == holder_source {
                    continue;
                }
                let Some(theirs) = same_place(self.index.figures_of(other), figure, r) else {
                    continue;
                };
                let reported_too = claim
                    .figures
                    .iter()
                    .any(|g| figures::same_figure(g, &theirs));
                if figures::same_figure(figure, &theirs) || reported_too {
                    continue;
                }
                spans.push(figure.span);
                sides.push((
                    self.source_path(holder),
                    figure.text.clone(),
                    self.source_path(other),
                    theirs.text.clone(),
                    other,
                    theirs.span,
                ));
                break;
            }
        }
        let first = sides.first()?;
        let (ours, theirs): (Vec<&str>, Vec<&str>) = sides
            .iter()
            .map(|(_, a, _, b, _, _)| (a.as_str(), b.as_str()))
            .unzip();
        let violation = ConflictingSources {
            followed: &first.0,
            ours,
            other: &first.2,
            theirs,
        };
        let other = first.4;
        let found = self.evidence_at(
            Place {
                unit: other,
                span: self.index.units[other].span,
                focus: first.5,
            },
            None,
        );
        let span = Span::new(
            spans
                .iter()
                .map(|s| s.start)
                .min()
                .unwrap_or(claim.span.start),
            spans.iter().map(|s| s.end).max().unwrap_or(claim.span.end),
        );
        Some(self.finding(&violation, span).with_evidence(found))
    }
}
